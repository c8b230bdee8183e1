import { lazy, startTransition, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, Route, Routes, useLocation } from 'react-router';
import { useLedgerSync } from '../data/queries';
import { useHistorySync } from '../data/history';
import { useAlertEvaluation } from '../data/alerts';
import { useLocale, useT } from '../ui/i18n';
import { useTeamMode } from '../data/team';
import { Layout, type NavEntry } from './Layout';
import { FirstScreenPainted } from './firstScreen';
import { appMessages } from './messages';
import { preloadNextWhenIdle, routeOf, ROUTES, type AppRoute } from './routes';

// Team mode only: the single-user app never loads it.
const TeamBar = lazy(() => import('./TeamBar').then((m) => ({ default: m.TeamBar })));

/** Feature pages reachable from the main navigation, beyond overview, agreements and sources. */
const NAV: readonly NavEntry[] = [
  { path: '/transactions', label: { en: 'Transactions', zh: '交易' } },
  { path: '/import', label: { en: 'Import', zh: '导入' } },
  { path: '/parties', label: { en: 'Connected persons', zh: '关连人士' } },
  { path: '/reconciliation', label: { en: 'Reconciliation', zh: '对账' } },
  { path: '/explore', label: { en: 'Explorer', zh: '额度分析' } },
  { path: '/ratios', label: { en: 'Ratio check', zh: '比率测试' } },
  { path: '/register', label: { en: 'Cap register', zh: '上限登记册' } },
  { path: '/report', label: { en: 'Board report', zh: '董事会报告' } },
  { path: '/report/monthly', label: { en: 'Monthly report', zh: '月度报告' } },
  { path: '/present', label: { en: 'Present', zh: '演示模式' } },
  { path: '/alerts', label: { en: 'Alert log', zh: '预警记录' }, group: 'board' },
  { path: '/review', label: { en: 'Annual review pack', zh: '年度审阅资料' }, group: 'board' },
  { path: '/evidence', label: { en: 'Pricing evidence', zh: '定价证据' }, group: 'ledger' },
  { path: '/history', label: { en: 'Change history', zh: '变更记录' }, group: 'ledger' },
];

/** Set once the app's first frame has painted. */
let appPainted = false;

/**
 * A route's screen. On the app's first frame, a screen with a shell shows the shell and asks for
 * its code only after that frame has painted: the heading then paints from the entry alone (the
 * screen's largest paint), with nothing downloading or evaluating ahead of it.
 */
export function RouteScreen({ route }: { route: AppRoute }) {
  const Shell = route.shell;
  const [ready, setReady] = useState(() => !Shell || appPainted);
  useEffect(() => {
    if (ready) return;
    // The first frame callback runs just before the shell's paint, the second after it.
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        appPainted = true;
        // A transition, so the shell stays on the page while the screen's code downloads. An
        // urgent update showed the Suspense fallback, the same heading in a new element, two
        // frames after the first one painted: Chromium then often dropped the first heading as
        // the largest paint and took the new one, 35-50 ms later, and Lighthouse, estimating
        // the largest paint from everything requested by then, put it at 2.2-2.5 s on /report.
        startTransition(() => setReady(true));
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [ready]);
  if (Shell && !ready) return <Shell />;
  return <route.page.Component />;
}

/** Shown while a screen's code downloads: its shell if it has one (routes.tsx), else "loading". */
function ScreenLoading() {
  const { pathname } = useLocation();
  const Shell = routeOf(pathname)?.shell;
  return Shell ? <Shell /> : <PageLoading />;
}

/** Shown while a screen's code downloads (first visit to it without a preload). */
function PageLoading() {
  const t = useT(appMessages);
  return (
    <p className="page-loading" role="status" aria-busy="true">
      {t('loading')}
    </p>
  );
}

function NotFound() {
  const t = useT(appMessages);
  return (
    <section className="page">
      <h1>{t('notFound')}</h1>
      <p>
        <Link to="/">{t('backHome')}</Link>
      </p>
    </section>
  );
}

export function App() {
  const locale = useLocale();
  // Ledger writes here or in another open tab refresh every ledger-backed query.
  useLedgerSync();
  useHistorySync();
  // The alert log is evaluated whenever data changes, at today's date (never at a browsed as-of date).
  useAlertEvaluation();
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-Hans' : 'en';
  }, [locale]);
  const team = useTeamMode();
  const { pathname } = useLocation();
  useEffect(() => preloadNextWhenIdle(pathname), [pathname]);
  return (
    <Routes>
      <Route
        element={
          <Layout nav={NAV}>
            {team && (
              <Suspense fallback={null}>
                <TeamBar />
              </Suspense>
            )}
            <Suspense fallback={<ScreenLoading />}>
              <Outlet />
              <FirstScreenPainted />
            </Suspense>
          </Layout>
        }
      >
        {ROUTES.filter((r) => r.chrome !== false).map((r) => (
          <Route key={r.path} path={r.path} element={<RouteScreen route={r} />} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
      {/* Full-screen routes (presentation mode): no app chrome. */}
      {ROUTES.filter((r) => r.chrome === false).map((r) => (
        <Route
          key={r.path}
          path={r.path}
          element={
            <Suspense fallback={<ScreenLoading />}>
              <r.page.Component />
              <FirstScreenPainted />
            </Suspense>
          }
        />
      ))}
    </Routes>
  );
}
