import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './support';

/**
 * The 2026 review pack from test/fixtures/evidence/review-2026.backup.json (built by
 * scripts/fixtures-review2026.ts): ledger, AGM outcomes, orders, price checks, alerts.
 */
const BACKUP = join(process.cwd(), 'test/fixtures/evidence/review-2026.backup.json');

test('an order with one independent quotation is an exception in the review pack, which prints with the 14A.55 and 14A.56 sections', async ({
  page,
}, testInfo) => {
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+08:00'));
  page.on('dialog', (d) => void d.accept());
  await openApp(page, '/transactions');
  await page.getByTestId('backup-restore-input').setInputFiles(BACKUP);
  await expect(page.getByTestId('storage-message')).toContainText('9 ledger rows');

  // A new order entered on /evidence with Xiaomi's quotation and ONE independent quotation.
  await openApp(page, '/evidence');
  await page.getByTestId('order-new').click();
  await page.getByTestId('order-reference').fill('API-PO-2026-09');
  await page.getByTestId('order-date').fill('2026-09-01');
  await page.getByTestId('order-category').selectOption('api-services');
  await page.getByTestId('order-amount').fill('800000');
  await page.getByTestId('xq-amount').fill('800000');
  await page.getByTestId('xq-date').fill('2026-08-25');
  await page.getByTestId('xq-doc').fill('XM-API-0901');
  await page.getByTestId('q0-supplier').fill('Zhipu AI');
  await page.getByTestId('q0-amount').fill('120000');
  await page.getByTestId('q0-currency').fill('USD');
  await page.getByTestId('q0-date').fill('2026-08-26');
  await page.getByTestId('q0-doc').fill('ZP-API-912');
  // A USD quotation without its rate is refused, naming it; nothing is stored.
  await page.getByTestId('order-save').click();
  await expect(page.getByTestId('order-problems')).toContainText(
    'Third-party quotation 1 — A quotation in USD needs the exchange rate to RMB and its source.',
  );
  await page.getByTestId('q0-rate').fill('7.12');
  await page.getByTestId('q0-rate-source').fill('PBOC central parity 2026-08-26');
  await page.getByTestId('order-save').click();
  await expect(page.getByTestId('order-API-PO-2026-09')).toHaveAttribute('data-status', 'exception');
  await expect(page.getByTestId('open-exception-API-PO-2026-09')).toContainText(
    'only 1 independent third-party quotation(s), at least two needed',
  );

  await openApp(page, '/review?year=2026');
  const orders = page.getByTestId('review-orders-api-services');
  await expect(orders.locator('tr[data-order="API-PO-2026-09"]')).toHaveAttribute('data-status', 'exception');
  await expect(orders.locator('tr[data-order="API-PO-2026-02"]')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('review-exceptions-pricing')).toContainText(
    'Order API-PO-2026-09 (API services) is an open pricing exception.',
  );
  await expect(page.getByTestId('review-exceptions-pricing')).toContainText(
    'Order IDC-PO-2026-01 (IDC services) is an open pricing exception.',
  );
  await expect(page.getByTestId('review-exceptions-agreements')).toContainText('IDC-MISC-7');
  // The 14A.71 table: cloud 3,249.1 (749.1 disclosed + 2,500.0 ledger) against the approved 4,000.0.
  const cloud = page.getByTestId('review-cct-table').locator('tr[data-category="cloud-services"]');
  await expect(cloud).toContainText('4,000.0');
  await expect(cloud).toContainText('3,249.1');
  const head = await page.getByTestId('history-head-line').first().locator('code').innerText();
  expect(head).toMatch(/^[0-9a-f]{64}$/);

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  const file = testInfo.outputPath('review-2026.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBeGreaterThanOrEqual(5);
  expect(text).toContain('Draft confirmation of the independent non-executive directors (rule 14A.55)');
  expect(text).toContain('(4) within the annual caps disclosed.');
  expect(text).toContain('Evidence schedules for the auditors (rule 14A.56)');
  expect(text).toContain('(4) whether the transactions have exceeded the annual caps');
  expect(text).toContain('(rule 14A.59)');
  expect(text).toContain('Order API-PO-2026-09 (API services) is an open pricing exception.');
  expect(text.replace(/\s+/g, ' ')).toContain(`head ${head}`);
  expect(text).not.toContain('Save as PDF');
});

test('the 2026 review pack fits a phone in English and Chinese: no sideways scrolling, wide tables scroll in their own box', async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+08:00'));
  page.on('dialog', (d) => void d.accept());
  await openApp(page, '/transactions');
  await page.getByTestId('backup-restore-input').setInputFiles(BACKUP);
  await expect(page.getByTestId('storage-message')).toContainText('9 ledger rows');
  await page.setViewportSize({ width: 390, height: 844 });
  for (const lang of ['en', 'zh']) {
    if (lang === 'zh') await page.evaluate(() => localStorage.setItem('headroom.locale', 'zh'));
    await openApp(page, '/review?year=2026');
    const cloud = page.getByTestId('review-cct-table').locator('tr[data-category="cloud-services"]');
    await expect(cloud).toContainText('3,249.1');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(`${lang} ${scrollWidth}`).toBe(`${lang} ${clientWidth}`);
    // The history head (64 hex characters) wraps inside the page.
    const box = await page.getByTestId('history-head-line').first().boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(clientWidth);
  }
});
