import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { todayIso } from '../domain/dates';
import { useDataset } from '../data/queries';
import { useBilingual, useLocaleStore, useT } from '../ui/i18n';
import { useCarriedHref } from '../ui/links';
import { useAsOf } from '../ui/useAsOf';
import { appMessages } from './messages';

/** Extra navigation entries registered by features (label in both languages). */
export interface NavEntry {
  path: string;
  label: { en: string; zh: string };
}

export function Layout({ children, nav }: { children: ReactNode; nav: readonly NavEntry[] }) {
  const t = useT(appMessages);
  const name = useBilingual();
  const dataset = useDataset();
  const href = useCarriedHref();
  const [asOf, setAsOf] = useAsOf();
  const { locale, setLocale } = useLocaleStore();
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('skip')}</a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('brand')}</span>
          <span className="brand-tag">{t('tagline')}</span>
        </div>
        <nav aria-label="Main" className="main-nav">
          <NavLink to={href('/')} end>{t('navOverview')}</NavLink>
          {dataset.agreements.map((a) => (
            <NavLink key={a.id} to={href(`/agreements/${a.id}`)}>{name(a.name).replace(/ \(as supplemented\)|（经补充）/, '')}</NavLink>
          ))}
          {nav.map((n) => (
            <NavLink key={n.path} to={href(n.path)}>{n.label[locale]}</NavLink>
          ))}
          <NavLink to={href('/sources')}>{t('navSources')}</NavLink>
        </nav>
        <div className="header-controls">
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
          <button type="button" className="btn btn-quiet" onClick={() => setAsOf(todayIso())}>{t('today')}</button>
          <label className="lang-control">
            <span className="visually-hidden">{t('language')}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'zh')} aria-label={t('language')}>
              <option value="en">English</option>
              <option value="zh">简体中文</option>
            </select>
          </label>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>{children}</main>
      <footer className="app-footer">{t('footer')}</footer>
    </div>
  );
}
