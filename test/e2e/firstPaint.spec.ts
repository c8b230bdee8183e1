/**
 * Screens whose heading does not wait for their code (routes.tsx, `shell`): the heading paints
 * from the entry alone, the screen's code is asked for after that, and the screen drawn with its
 * figures keeps a heading of the same size, so the largest paint is still that first one.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './support';

// The phone Lighthouse's mobile profile emulates: there, each heading is its screen's largest paint
// (on a desktop the agreement's category descriptions are larger).
test.use({ viewport: { width: 412, height: 823 } });

const SCREENS = [
  {
    path: '/report?asOf=2025-12-31',
    heading: 'report-title',
    chunk: 'ReportPage-',
    ready: '[data-testid="report-asof"]',
  },
  {
    path: '/agreements/xiaomi-framework-2024?asOf=2025-12-31',
    heading: 'agreement-title',
    chunk: 'AgreementRoute-',
    ready: '.category-desc',
  },
] as const;

for (const screen of SCREENS) {
  test(`${screen.path}: the heading paints before the screen's code is asked for and stays the largest paint`, async ({
    page,
  }) => {
    await page.addInitScript((heading) => {
      const w = window as unknown as { headingSeen?: string[]; largest: string[] };
      w.largest = [];
      new MutationObserver(() => {
        if (w.headingSeen || !document.getElementById(heading)) return;
        w.headingSeen = performance.getEntriesByType('resource').map((r) => r.name.split('/').pop() ?? '');
      }).observe(document, { subtree: true, childList: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.largest.push((e as LargestContentfulPaint).element?.id ?? '');
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    }, screen.heading);
    await openApp(page, screen.path);
    await expect(page.locator(screen.ready).first()).toBeVisible();
    const seen = await page.evaluate(() => {
      const w = window as unknown as { headingSeen?: string[]; largest: string[] };
      return { scripts: w.headingSeen ?? null, largest: w.largest };
    });
    // The heading was on the page while only the entry had been fetched (index-*.js, the runtime).
    expect(seen.scripts).not.toBeNull();
    expect(seen.scripts!.some((name) => name.startsWith('index-'))).toBe(true);
    expect(seen.scripts!.filter((name) => name.startsWith(screen.chunk))).toEqual([]);
    // The screen drawn with its figures has the same heading: the largest paint is still it.
    expect(seen.largest.at(-1)).toBe(screen.heading);
  });
}
