import { memo, type ReactNode, useDeferredValue, useState } from 'react';
import { NavLink } from 'react-router';
import { todayIso } from '../domain/dates';
import { formatDate } from '../domain/format';
import { useDataset } from '../data/queries';
import { useBilingual, useLocaleStore, useT } from '../ui/i18n';
import { useDeferredCarriedHref } from '../ui/links';
import { useAsOf } from '../ui/useAsOf';
import './layout.css';
import { appMessages } from './messages';
import { preloadPath } from './routes';

export type NavGroup = 'ledger' | 'board' | 'analysis';

/** A navigation entry registered by a feature (label in both languages). */
export interface NavEntry {
  path: string;
  label: { en: string; zh: string };
  group?: NavGroup;
}

const GROUP_OF_PATH: Record<string, NavGroup> = {
  '/transactions': 'ledger',
  '/import': 'ledger',
  '/parties': 'ledger',
  '/reconciliation': 'ledger',
  '/report': 'board',
  '/report/monthly': 'board',
  '/present': 'board',
  '/explore': 'analysis',
  '/ratios': 'analysis',
  '/register': 'analysis',
};

const GROUPS: readonly NavGroup[] = ['ledger', 'board', 'analysis'];

/*
 * The as-of date's heading and field are components of their own: an as-of change then
 * re-renders them and the screen, not the whole shell and its navigation.
 */
function AsOfHeading() {
  const t = useT(appMessages);
  const [asOf] = useAsOf();
  const { locale } = useLocaleStore();
  return (
    <div className="topbar-asof" aria-live="polite">
      {t('viewingAsOf', { date: formatDate(asOf, locale) })}
    </div>
  );
}

function AsOfControl() {
  const t = useT(appMessages);
  const [asOf, setAsOf] = useAsOf();
  return (
    <>
      <label className="asof-control">
        <span>{t('asOf')}</span>
        <input
          type="date"
          value={asOf}
          min="2024-01-01"
          max="2028-12-31"
          onChange={(e) => e.target.value && setAsOf(e.target.value)}
          data-testid="as-of-input"
        />
      </label>
      <button type="button" className="btn btn-quiet" onClick={() => setAsOf(todayIso())}>
        {t('today')}
      </button>
    </>
  );
}

/** The navigation's links (the main menu below 900px wide). */
function NavLinks({ nav }: { nav: readonly NavEntry[] }) {
  // The links carry the as-of date one deferred render after it changes (useDeferredCarriedHref).
  return <NavList nav={nav} href={useDeferredCarriedHref()} />;
}

const NavList = memo(function NavList({ nav, href }: { nav: readonly NavEntry[]; href: (path: string) => string }) {
  const t = useT(appMessages);
  const name = useBilingual();
  const dataset = useDataset();
  const { locale } = useLocaleStore();
  // A screen's code starts downloading as soon as its link is pointed at or focused.
  const preload = (path: string) => {
    const start = () => preloadPath(path);
    return { onMouseEnter: start, onFocus: start, onTouchStart: start };
  };
  const groupLabel: Record<NavGroup, string> = {
    ledger: t('groupLedger'),
    board: t('groupBoard'),
    analysis: t('groupAnalysis'),
  };
  return (
    <>
      <div className="nav-group">
        <div className="nav-group-title">{t('groupMonitor')}</div>
        <NavLink to={href('/')} end>
          {t('navOverview')}
        </NavLink>
        {dataset.agreements.map((a) => (
          <NavLink key={a.id} to={href(`/agreements/${a.id}`)} title={name(a.name)} {...preload(`/agreements/${a.id}`)}>
            {name(a.name).replace(/ \(as supplemented\)|（经补充）/, '')}
          </NavLink>
        ))}
        <NavLink to={href('/sources')} {...preload('/sources')}>
          {t('navSources')}
        </NavLink>
      </div>
      {GROUPS.map((g) => {
        const entries = nav.filter((n) => (n.group ?? GROUP_OF_PATH[n.path] ?? 'analysis') === g);
        if (entries.length === 0) return null;
        return (
          <div className="nav-group" key={g}>
            <div className="nav-group-title">{groupLabel[g]}</div>
            {entries.map((n) => (
              <NavLink key={n.path} to={href(n.path)} end {...preload(n.path)}>
                {n.label[locale]}
              </NavLink>
            ))}
          </div>
        );
      })}
    </>
  );
});

export function Layout({ children, nav }: { children: ReactNode; nav: readonly NavEntry[] }) {
  const t = useT(appMessages);
  const { locale, setLocale } = useLocaleStore();
  // Below 900px wide the navigation is a menu opened from the header.
  const [menuOpen, setMenuOpen] = useState(false);
  // The navigation's twenty-odd links render in a deferred pass after the first paint (a
  // fixed-width column beside the screen, a closed menu on a phone: nothing moves when they
  // come); with the header and the screen they made the first render a task of about 0.2 s
  // at a phone's CPU speed, and the screen's heading waited for it.
  const linksShown = useDeferredValue(true, false);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span className="menu-icon" aria-hidden="true" />
          <span className="visually-hidden">{t('menu')}</span>
        </button>
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('brand')}</span>
          <span className="brand-tag">{t('tagline')}</span>
        </div>
        <AsOfHeading />
        <div className="header-controls">
          <AsOfControl />
          <label className="lang-control">
            <span className="visually-hidden">{t('language')}</span>
            <select
              value={locale}
              onChange={(e) => setLocale(e.target.value as 'en' | 'zh')}
              aria-label={t('language')}
            >
              <option value="en">English</option>
              <option value="zh">简体中文</option>
            </select>
          </label>
        </div>
      </header>
      <div className="shell-body">
        <nav
          id="main-nav"
          aria-label={t('mainNav')}
          className={menuOpen ? 'sidenav open' : 'sidenav'}
          // Following a link or pressing Escape closes the menu.
          onClick={(e) => (e.target as HTMLElement).closest('a') && setMenuOpen(false)}
          onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}
        >
          {linksShown && <NavLinks nav={nav} />}
        </nav>
        <div className="shell-content">
          <main id="main" className="app-main" tabIndex={-1}>
            {children}
          </main>
          <footer className="app-footer">{t('footer')}</footer>
        </div>
      </div>
    </div>
  );
}
