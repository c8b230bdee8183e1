import { lazy, type ComponentType } from 'react';
import { matchPath } from 'react-router';
import { OverviewPage } from '../features/overview/OverviewPage';
import { AgreementHeading } from '../features/agreement/AgreementHeading';
import { ReportCoverLoading } from '../features/report/ReportCover';

/**
 * Route table with code splitting. The overview is the landing screen, so it ships in
 * the entry chunk (it paints without a second round trip); every other screen is its
 * own chunk, fetched on first visit, when its link is hovered, focused or touched, or
 * when the browser is idle on a screen that usually leads to it (`next`). Chunks of
 * libraries only those screens use (charts, the spreadsheet library) follow them.
 *
 * To add a screen: one entry here, `lazyPage(() => import('../features/x/XPage'), (m) => m.XPage)`,
 * plus a navigation entry in App.tsx if it has one. Keep the feature out of the entry:
 * import it only through `lazyPage`.
 */
export interface RoutePage {
  Component: ComponentType;
  /** Starts loading the screen's code (once); resolves when it is ready. */
  preload(): Promise<unknown>;
}

export interface AppRoute {
  /** A react-router path pattern, absolute. */
  path: string;
  page: RoutePage;
  /** false: a full-screen route without the header and navigation (presentation mode). */
  chrome?: false;
  /** Patterns of the routes usually visited next, preloaded when the browser is idle. */
  next?: readonly string[];
  /**
   * What the screen paints while its code downloads, shipped in the entry: its heading, when
   * that does not depend on the data. Without one, "loading" is shown, and the first render of
   * the app waits for the screen's code (so that frame and screen paint together).
   */
  shell?: ComponentType;
}

export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): RoutePage {
  let pending: Promise<{ default: ComponentType }> | undefined;
  let loaded: { default: ComponentType } | undefined;
  const preload = () =>
    (pending ??= load().then(
      (module) => (loaded = { default: pick(module) }),
      (error: unknown) => {
        pending = undefined; // a failed download is retried on the next attempt
        throw error;
      },
    ));
  // A screen whose code is already here renders at once: React.lazy takes a thenable that
  // answers synchronously, so the first render does not show "loading" (and then hold the
  // screen back for React's 300 ms reveal throttle) for code that has arrived.
  const now = () =>
    loaded
      ? ({ then: (done: (m: { default: ComponentType }) => void) => done(loaded!) } as unknown as Promise<{
          default: ComponentType;
        }>)
      : preload();
  return { Component: lazy(now), preload };
}

function eagerPage(Component: ComponentType): RoutePage {
  return { Component, preload: () => Promise.resolve() };
}

export const ROUTES: readonly AppRoute[] = [
  { path: '/', page: eagerPage(OverviewPage), next: ['/agreements/:agreementId', '/report'] },
  {
    path: '/agreements/:agreementId',
    page: lazyPage(
      () => import('./AgreementRoute'),
      (m) => m.AgreementRoute,
    ),
    next: ['/report', '/sources'],
    // The agreement's name is the screen's largest paint: it need not wait for the screen's code.
    shell: AgreementHeading,
  },
  {
    path: '/sources',
    page: lazyPage(
      () => import('../features/sources/SourcesPage'),
      (m) => m.SourcesPage,
    ),
  },
  {
    path: '/transactions',
    page: lazyPage(
      () => import('../features/transactions/TransactionsPage'),
      (m) => m.TransactionsPage,
    ),
    next: ['/import'],
  },
  {
    path: '/import',
    page: lazyPage(
      () => import('../features/import/ImportPage'),
      (m) => m.ImportPage,
    ),
    next: ['/transactions'],
  },
  {
    path: '/parties',
    page: lazyPage(
      () => import('../features/parties/PartiesPage'),
      (m) => m.PartiesPage,
    ),
  },
  {
    path: '/reconciliation',
    page: lazyPage(
      () => import('../features/reconciliation/ReconciliationPage'),
      (m) => m.ReconciliationPage,
    ),
  },
  {
    path: '/explore',
    page: lazyPage(
      () => import('../features/explore/ExplorePage'),
      (m) => m.ExplorePage,
    ),
  },
  {
    path: '/ratios',
    page: lazyPage(
      () => import('../features/ratios/RatiosPage'),
      (m) => m.RatiosPage,
    ),
  },
  {
    path: '/register',
    page: lazyPage(
      () => import('../features/register/RegisterPage'),
      (m) => m.RegisterPage,
    ),
  },
  {
    path: '/report',
    page: lazyPage(
      () => import('../features/report/ReportPage'),
      (m) => m.ReportPage,
    ),
    next: ['/present', '/report/monthly'],
    // The cover's heading is the report's largest paint: it need not wait for the report's code.
    shell: ReportCoverLoading,
  },
  {
    path: '/report/monthly',
    page: lazyPage(
      () => import('../features/report/MonthlyReportPage'),
      (m) => m.MonthlyReportPage,
    ),
  },
  {
    path: '/present',
    page: lazyPage(
      () => import('../features/present/PresentPage'),
      (m) => m.PresentPage,
    ),
    chrome: false,
  },
  {
    path: '/history',
    page: lazyPage(
      () => import('../features/history/HistoryPage'),
      (m) => m.HistoryPage,
    ),
  },
  {
    path: '/evidence',
    page: lazyPage(
      () => import('../features/evidence/EvidencePage'),
      (m) => m.EvidencePage,
    ),
  },
  {
    path: '/alerts',
    page: lazyPage(
      () => import('../features/alerts/AlertsPage'),
      (m) => m.AlertsPage,
    ),
    next: ['/review'],
  },
  {
    path: '/review',
    page: lazyPage(
      () => import('../features/review/ReviewPage'),
      (m) => m.ReviewPage,
    ),
  },
  {
    // Team mode: changes and imports waiting for a second person's check (linked from the team bar).
    path: '/checks',
    page: lazyPage(
      () => import('../features/team/ChecksPage'),
      (m) => m.ChecksPage,
    ),
  },
  {
    // Team mode, admin: move a local workspace (its backup file) into the team workspace.
    path: '/team/move',
    page: lazyPage(
      () => import('../features/team/MovePage'),
      (m) => m.MovePage,
    ),
  },
];

/** The route an address (pathname, with or without a query) shows, if any. */
export function routeOf(href: string): AppRoute | undefined {
  const pathname = href.split(/[?#]/)[0] ?? href;
  return ROUTES.find((r) => matchPath({ path: r.path, end: true }, pathname));
}

/**
 * Starts loading the screen a link leads to (pathname, with or without a query); resolves
 * when its code is here (or failed to come: the screen's own Suspense then shows that).
 */
export function preloadPath(href: string): Promise<unknown> {
  const route = routeOf(href);
  return route ? route.page.preload().catch(() => undefined) : Promise.resolve();
}

/**
 * Preloads the screens usually visited after the one at pathname, once the browser is
 * idle after the user's first sign of activity (pointer, touch, key, scroll) or, failing
 * that, after a while: evaluating a preloaded chunk (a chart library) is main-thread
 * work, which must not compete with the first screen's load.
 */
export function preloadNextWhenIdle(pathname: string): () => void {
  const route = ROUTES.find((r) => matchPath({ path: r.path, end: true }, pathname));
  const next = ROUTES.filter((r) => route?.next?.includes(r.path));
  if (next.length === 0) return () => undefined;
  const run = () => next.forEach((r) => void r.page.preload().catch(() => undefined));
  const ACTIVITY = ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'scroll'] as const;
  let idle = 0;
  let timer = 0;
  const start = () => {
    stopWaiting();
    if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(run, { timeout: 3000 });
    else timer = window.setTimeout(run, 200);
  };
  const stopWaiting = () => {
    window.clearTimeout(timer);
    for (const type of ACTIVITY) window.removeEventListener(type, start);
  };
  for (const type of ACTIVITY) window.addEventListener(type, start, { once: true, passive: true });
  timer = window.setTimeout(start, 10_000);
  return () => {
    stopWaiting();
    if (idle) window.cancelIdleCallback(idle);
  };
}
