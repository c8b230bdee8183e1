/**
 * The directors' report: cover summary, kept commentary, and the printed PDF
 * (A4 landscape) read back with pdftotext / pdfinfo (poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp, trackForeignRequests } from './support';

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('the cover page says which categories need attention and why (December 31, 2025)', async ({ page }) => {
  await openApp(page, '/report?asOf=2025-12-31');
  const attention = page.getByTestId('attention-table');
  const cloud = attention.locator('tr[data-category="cloud-services"]');
  await expect(cloud.locator('[data-reason="threshold"]')).toContainText(
    '97.6% of the binding cap used (2,255.2 of 2,309.8)',
  );
  await expect(attention.locator('tr[data-category="hardware-equipment"] [data-reason="threshold"]')).toContainText(
    '88.4%',
  );
  // IDC (17.2 of 41.0) is fine and API services had not started: neither is listed.
  await expect(attention.locator('tr[data-category="idc-services"]')).toHaveCount(0);
  await expect(attention.locator('tr[data-category="api-services"]')).toHaveCount(0);
});

test('without a date the report opens at the last half-year end and writes it into the URL', async ({ page }) => {
  await openApp(page, '/report');
  await expect(page).toHaveURL(/\/report\?asOf=\d{4}-(06-30|12-31)$/);
  await expect(page.getByTestId('report-asof')).toHaveText(/As of (June 30|December 31), \d{4}/);
});

test('commentary is kept per category and report date', async ({ page }) => {
  await openApp(page, '/report?asOf=2026-06-30');
  const box = page.getByTestId('commentary-cloud-services');
  await box.fill('Management expects the AGM to approve the revised cap of 4,000.0.');
  await box.blur();
  await expect(page.locator('section[data-category="cloud-services"] .commentary-state')).toContainText('Saved');
  await page.reload();
  await expect(page.getByTestId('commentary-cloud-services')).toHaveValue(
    'Management expects the AGM to approve the revised cap of 4,000.0.',
  );
  // Another report date has its own (empty) commentary.
  await openApp(page, '/report?asOf=2025-12-31');
  await expect(page.getByTestId('commentary-cloud-services')).toHaveValue('');
});

test('prints to a multi-page A4 landscape PDF with the summary, every category, the commentary and the sources', async ({
  page,
}, testInfo) => {
  await openApp(page, '/report?asOf=2026-06-30');
  await page.getByTestId('commentary-hardware-equipment').fill('Hardware purchases start after the AGM.');
  await page.getByTestId('commentary-hardware-equipment').blur();
  await expect(page.locator('section[data-category="hardware-equipment"] .commentary-state')).toContainText('Saved');
  // Charts far below the first screen wait until they come near (src/ui/charts/drawQueue.ts);
  // printing draws every one of them before the page is laid out for paper.
  const canvases = page.locator('.report .chart-canvas[role="img"]');
  const drawn = page.locator('.report .chart-canvas .recharts-wrapper > svg');
  // 4 categories × 3 charts, less the year-on-year charts with no prior-year span (IDC, hardware, API).
  await expect(canvases).toHaveCount(9);
  expect(await drawn.count()).toBeLessThan(9);
  await expect(page.locator('.report .chart-canvas .chart-placeholder').first()).toBeAttached();

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  await expect(drawn).toHaveCount(9);
  await expect(page.locator('.report .chart-placeholder')).toHaveCount(0);
  const file = testInfo.outputPath('report.pdf');
  writeFileSync(file, pdf);

  const pages = pdfPages(file);
  expect(pages).toBeGreaterThan(1);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  // A4 landscape: 297 × 210 mm = about 842 × 595 points, wider than tall.
  const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  expect(Math.abs(Number(w) - 842)).toBeLessThan(2);
  expect(Math.abs(Number(h) - 595)).toBeLessThan(2);

  const text = pdfText(file);
  const flat = text.replace(/\s+/g, ' ');
  // Cover and summary.
  expect(flat).toContain('REPORT TO THE BOARD OF DIRECTORS');
  expect(flat).toContain('As of June 30, 2026');
  expect(flat).toContain('Kingsoft Cloud Holdings Limited');
  expect(flat).toContain('Matters for the board’s attention');
  expect(flat).toContain('projected to exceed the binding cap of 3,138.3 on October 21, 2026');
  expect(flat).toContain('Figures are known only up to April 23, 2026, 68 days before the report date');
  // Category figures.
  for (const figure of [
    '3,138.3',
    '4,000.0',
    '749.1',
    '23.9%',
    '2,389.2',
    '+81.4%',
    '4,090.5',
    '100.0',
    '14.1',
    '6.7',
    '1,000.0',
    '20.0',
  ]) {
    expect(flat).toContain(figure);
  }
  for (const heading of [
    'Cloud services',
    'IDC services',
    'Hardware equipment',
    'API services',
    'PROJECTION TO THE END OF THE PERIOD',
    'Actual against caps, every period',
    'Cumulative actual',
    'Against the same span last year',
  ]) {
    expect(flat).toContain(heading);
  }
  // Commentary printed as text; sources and page footer present.
  expect(flat).toContain('Hardware purchases start after the AGM.');
  expect(flat).toContain('II.A.2(1) Annual caps and historical amounts');
  expect(flat).toContain(`1 / ${pages}`);
  expect(flat).toContain('Directors’ report as of June 30, 2026');
  // No app chrome and no screen-only controls in print.
  for (const chrome of [
    'Skip to content',
    'Connected-transaction caps',
    'Save as PDF',
    'Show the figures as a table',
    'Save commentary',
  ]) {
    expect(flat).not.toContain(chrome);
  }
  // Each category starts a new page: its heading is the first line of some page.
  const pageTexts = text.split('\f');
  const starts = (name: string) =>
    pageTexts.some((p) =>
      p
        .trimStart()
        .split('\n')
        .slice(0, 4)
        .some((l) => l.trim().startsWith(name)),
    );
  expect(starts('IDC services') || starts('2025 Xiaomi Cooperation Framework Agreement')).toBe(true);
  expect(starts('Hardware equipment')).toBe(true);
  expect(starts('API services')).toBe(true);
});

test('printed while its sections are still being shown, the report has every section on paper', async ({
  page,
}, testInfo) => {
  // The sections after the cover appear one per frame (src/ui/useStagedReveal.ts). Here no
  // frame comes once the report is on the page, so they would never appear on the screen;
  // printing must show them all before the page is laid out for paper.
  await page.addInitScript(() => {
    const held: FrameRequestCallback[] = [];
    let hold = false;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => (hold ? held.push(cb) : raf(cb));
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="report"]')) hold = true;
    }).observe(document, { subtree: true, childList: true });
  });
  await openApp(page, '/report?asOf=2026-06-30');
  await expect(page.getByTestId('attention-table')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.locator('section.report-category')).toHaveCount(0);
  await expect(page.getByTestId('status-table')).toHaveCount(0);

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  const file = testInfo.outputPath('report-early.pdf');
  writeFileSync(file, pdf);
  const flat = pdfText(file).replace(/\s+/g, ' ');
  // Text of the per-category sections and of the sources, none of it on the cover.
  expect(flat).toContain('PROJECTION TO THE END OF THE PERIOD');
  expect(flat).toContain('Actual against caps, every period');
  expect(flat).toContain('II.A.2(1) Annual caps and historical amounts');
  await expect(page.locator('section.report-category')).toHaveCount(4);
  await expect(page.getByTestId('status-table')).toHaveCount(1);
});

test('a chart far down the report is drawn when it is scrolled onto the screen, with nothing shifting', async ({
  page,
}) => {
  await openApp(page, '/report?asOf=2026-06-30');
  const last = page.locator('section[data-category="api-services"] .chart-canvas[role="img"]').last();
  // Not drawn yet: a placeholder of the chart's own size holds its place.
  await expect(last.locator('.chart-placeholder')).toBeAttached();
  const before = (await last.boundingBox())!;
  expect(before.height).toBeGreaterThan(150);
  await last.scrollIntoViewIfNeeded();
  await expect(last.locator('.recharts-wrapper > svg')).toBeVisible();
  await expect(last.locator('.chart-placeholder')).toHaveCount(0);
  const after = (await last.boundingBox())!;
  expect(after.height).toBe(before.height);
  expect(after.width).toBe(before.width);
});

test('the report and the monthly report make no foreign request and pass axe', async ({ page, baseURL }) => {
  const foreign = trackForeignRequests(page, baseURL!);
  await openApp(page, '/report?asOf=2026-06-30');
  await expectNoSeriousA11yViolations(page);
  await openApp(page, '/report/monthly?asOf=2025-12-31');
  await expectNoSeriousA11yViolations(page);
  expect(foreign).toEqual([]);
});

test('the monthly report marks the month the threshold was first seen crossed and says the month is not known', async ({
  page,
}) => {
  await openApp(page, '/report/monthly?asOf=2025-12-31');
  const cloud = page.getByTestId('monthly-table-cloud-services');
  await expect(cloud.locator('tbody tr')).toHaveCount(12);
  await expect(cloud.locator('tr[data-month="2025-05"]')).toContainText('no data');
  const dec = cloud.locator('tr[data-month="2025-12"]');
  await expect(dec).toHaveAttribute('data-crossed', 'between');
  await expect(dec).toContainText('1,842.2');
  await expect(dec).toContainText('2,255.2');
  await expect(dec).toContainText('97.6%');
  await expect(page.getByTestId('crossing-cloud-services')).toContainText(
    'after April 23, 2025 and by December 31, 2025',
  );
  await expect(page.getByTestId('monthly-table-hardware-equipment').locator('tbody tr').first()).toContainText(
    'part month',
  );
});
