import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openApp } from './support';

/**
 * Issue 9 in a real browser: states between the disclosed dates are told as
 * they are — no cap in force, a meeting date passed with no outcome, and a
 * transaction with no cap imported, stored and reported (nothing refused).
 */
const FIXTURES = join(process.cwd(), 'test/fixtures');

test('hardware on September 1, 2026: no cap in force (not "ok"), and the passed AGM asks for its outcome', async ({
  page,
}) => {
  await openApp(page, '/?asOf=2026-09-01');
  const hw = page.getByTestId('card-hardware-equipment');
  // The 6.7 cap ended July 28; the 1,000.0 revision awaits a vote that was due June 30.
  await expect(hw.locator('.status')).toHaveAttribute('data-status', 'no-cap');
  await expect(hw.locator('.status')).toHaveText('No cap in force');
  await expect(hw.getByTestId('binding-cap')).toHaveText('No cap in force');
  await expect(hw.getByTestId('meeting-passed-note')).toContainText(
    'The AGM of June 30, 2026 was expected on June 30, 2026; no outcome is recorded.',
  );
  // Cloud services: the original 3,138.3 still binds, but the same prompt shows.
  const cloud = page.getByTestId('card-cloud-services');
  await expect(cloud.locator('.status')).toHaveAttribute('data-status', 'meeting-passed');
  await expect(cloud.getByTestId('meeting-passed-note')).toBeVisible();

  // The prompt leads to the agreement page, where the outcome is recorded.
  await hw.getByRole('link', { name: 'Record the outcome' }).click();
  await expect(page).toHaveURL(/\/agreements\/xiaomi-cooperation-framework-2025\?asOf=2026-09-01#approvals-/);
  const resolution = page.getByTestId('resolution-agm-2026-hardware-equipment');
  await expect(resolution).toBeVisible();

  // The directors' report says the same.
  await openApp(page, '/report?asOf=2026-09-01');
  const row = page.getByTestId('attention-table').locator('tr[data-category="hardware-equipment"]');
  await expect(row.locator('[data-reason="no-cap"]')).toBeVisible();
  await expect(row.locator('[data-reason="meeting-passed"]')).toContainText(
    'The AGM of June 30, 2026 was expected on June 30, 2026 and no outcome is recorded',
  );
});

test('a ledger row with no cap in force is imported through the UI, stored, and reported as uncapped first', async ({
  page,
}) => {
  // date-outside-term.csv: cloud 1,234,567.89 on April 23, 2026 (inside the disclosure), API 100.00 on
  // January 5, 2026 (before the API term starts April 23) and cloud 5.00 on January 1, 2028 (after its term).
  await openApp(page, '/import?asOf=2026-06-30');
  await page.getByTestId('import-file-input').setInputFiles(join(FIXTURES, 'bad/date-outside-term.csv'));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  await expect(page.getByTestId('import-plan')).toContainText('To import: 3 rows');
  await expect(
    page.getByText(/2 row\(s\) \(the first is row 3\) are dated outside their category’s term/),
  ).toBeVisible();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 3 rows');

  // Stored: all three rows are in the ledger.
  await openApp(page, '/transactions?asOf=2026-06-30');
  await expect(page.getByTestId('ledger-summary')).toContainText('3 transactions');

  // Overview: API services show the uncapped transaction, worse than exceeded.
  await openApp(page, '/?asOf=2026-06-30');
  const api = page.getByTestId('card-api-services');
  await expect(api.locator('.status')).toHaveAttribute('data-status', 'uncapped');
  await expect(api.locator('.status')).toHaveText('Transactions with no cap');
  await expect(api.getByTestId('uncapped-note')).toContainText(
    '1 transaction(s) with no cap in force, RMB 100.00 in total, the first on January 5, 2026.',
  );
  await expect(page.getByLabel('Summary of statuses')).toContainText('1 × Transactions with no cap');

  // The directors' report lists it first.
  await openApp(page, '/report?asOf=2026-06-30');
  const first = page.getByTestId('attention-table').locator('tbody tr').first();
  await expect(first).toHaveAttribute('data-category', 'api-services');
  await expect(first.locator('[data-reason="uncapped"]')).toContainText(
    '1 transaction(s) with no cap in force, RMB 100.00 in total, the first on January 5, 2026',
  );

  // In 2028 cloud services' term has ended: the 5.00 of January 1 is uncapped too.
  await openApp(page, '/?asOf=2028-01-31');
  await expect(page.getByTestId('card-cloud-services').locator('.status')).toHaveAttribute('data-status', 'uncapped');
  // IDC from January 1, 2028 is inside the term but its cap is not recorded: never "ok".
  await expect(page.getByTestId('card-idc-services').locator('.status')).toHaveAttribute(
    'data-status',
    'cap-not-recorded',
  );
  await expect(page.getByTestId('card-idc-services').getByTestId('cap-not-recorded-note')).toBeVisible();
});

test('"ledger complete through": an import proposes the last complete month, the user confirms, figures are known through it and later rows provisional', async ({
  page,
}) => {
  // Cloud services after the disclosure (749.1 million to April 23, 2026): RMB 100,000,000.00 on May 20
  // and RMB 50,500,000.00 on June 10, 2026.
  await openApp(page, '/import?asOf=2026-06-30');
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'cloud-may-june.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'date,category,amount,reference\n2026-05-20,cloud-services,100000000.00,C-1\n2026-06-10,cloud-services,50500000.00,C-2\n',
    ),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 2 rows');
  // June is not complete in the file: the proposal is May 31; nothing is set until confirmed.
  const proposal = page.getByTestId('close-proposal');
  await expect(proposal).toContainText(
    'The imported rows run to June 10, 2026. Mark the ledger of Cloud services complete through May 31, 2026, the last day of the last complete month?',
  );
  await openApp(page, '/reconciliation?asOf=2026-06-30');
  await expect(page.getByTestId('recon-known-cloud-services')).toHaveText(
    'Known through April 23, 2026; provisional: includes RMB 150,500,000.00 of ledger rows after it.',
  );
  // Not confirmed on the import page: set on the reconciliation page instead.
  const form = page.getByTestId('complete-through-cloud-services');
  await form.getByLabel('Ledger complete through').fill('2026-05-31');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved: the ledger is complete through May 31, 2026.');
  await expect(page.getByTestId('recon-known-cloud-services')).toHaveText(
    'Known through May 31, 2026; provisional: includes RMB 50,500,000.00 of ledger rows after it.',
  );

  // The overview card: 899.6 (749.1 + 100.0 + 50.5), through May 31, provisional.
  await openApp(page, '/?asOf=2026-06-30');
  const cloud = page.getByTestId('card-cloud-services');
  await expect(cloud.getByTestId('actual')).toHaveText('899.6');
  await expect(cloud.getByTestId('provisional')).toHaveText(
    'Provisional: includes ledger rows after May 31, 2026, the last day known complete.',
  );
  // The monthly report says what is known through when, and marks the later cumulative provisional.
  await openApp(page, '/report/monthly?asOf=2026-06-30');
  await expect(page.getByTestId('known-cloud-services')).toHaveText(
    'Known through May 31, 2026 (the latest disclosure or the ledger’s month-end close); cumulatives after it include ledger rows that may still change and are marked *provisional.',
  );
  const june = page.getByTestId('monthly-table-cloud-services').locator('tr[data-month="2026-06"]');
  await expect(june.locator('td[data-provisional]')).toHaveText('899.6*');
  const may = page.getByTestId('monthly-table-cloud-services').locator('tr[data-month="2026-05"]');
  await expect(may.locator('td[data-provisional]')).toHaveCount(0);
  await openApp(page, '/?asOf=2026-06-30');
  // Kept across a reload (stored), and in the change history.
  await page.reload();
  await expect(page.getByTestId('card-cloud-services').getByTestId('provisional')).toBeVisible();
  await openApp(page, '/history');
  const rec = page.getByTestId('history-table').locator('tr[data-kind="ledger-complete-through"]');
  await expect(rec).toHaveCount(1);
  await expect(rec).toContainText('cloud-services');
  await expect(rec).toContainText('2026-05-31');
});

test('the import proposal, confirmed, sets the close of every category the file touched', async ({ page }) => {
  await openApp(page, '/import?asOf=2026-06-30');
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'two-categories.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'date,category,amount,reference\n2026-05-20,cloud-services,100000000.00,C-1\n2026-06-30,idc-services,1000000.00,I-1\n',
    ),
  });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-commit').click();
  // The last row is June 30, the last day of its month: June is complete.
  await expect(page.getByTestId('close-proposal')).toContainText(
    'Mark the ledger of Cloud services, IDC services complete through June 30, 2026',
  );
  await page.getByTestId('close-confirm').click();
  await expect(page.getByTestId('close-confirmed')).toHaveText('The ledger is marked complete through June 30, 2026.');
  await openApp(page, '/reconciliation?asOf=2026-06-30');
  await expect(page.getByTestId('recon-known-cloud-services')).toHaveText('Known through June 30, 2026.');
  await expect(page.getByTestId('recon-known-idc-services')).toHaveText('Known through June 30, 2026.');
});

test('an uncapped item is resolved on the overview card: stored, shown beside the uncapped state on the card and in the report, kept in the history', async ({
  page,
}) => {
  // date-outside-term.csv: API services RMB 100.00 on January 5, 2026, before their term (and first cap) on April 23.
  await openApp(page, '/import?asOf=2026-06-30');
  await page.getByTestId('import-file-input').setInputFiles(join(FIXTURES, 'bad/date-outside-term.csv'));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 3 rows');

  await openApp(page, '/?asOf=2026-06-30');
  const api = page.getByTestId('card-api-services');
  await expect(api.locator('.status')).toHaveAttribute('data-status', 'uncapped');
  await expect(api.getByTestId('uncapped-span')).toContainText(
    'No cap in force until April 22, 2026: 1 transaction(s), RMB 100.00.',
  );
  await expect(api.getByTestId('uncapped-open')).toContainText('Open: 1 transaction(s), RMB 100.00, January 5, 2026.');
  await api.getByRole('button', { name: 'Resolve…' }).click();
  const form = api.getByTestId('resolve-form-api-services');
  await form.getByLabel('Outcome').selectOption('reported');
  await form.getByLabel('Reported on').fill('2026-05-15');
  await form.getByLabel('Note').fill('Reported to the audit committee.');
  await form.getByRole('button', { name: 'Record the resolution' }).click();
  const resolved = api.getByTestId('uncapped-resolution');
  await expect(resolved).toHaveText(
    'Resolved: January 5, 2026: 1 transaction(s), RMB 100.00 — reported as a breach on May 15, 2026. Note: Reported to the audit committee. Withdraw',
  );
  // Resolved: no longer the uncapped alert; API services 2026 have no figure (nothing disclosed, no close).
  await expect(api.locator('.status')).toHaveAttribute('data-status', 'no-data');

  // Stored: still there after a reload.
  await page.reload();
  await expect(page.getByTestId('card-api-services').getByTestId('uncapped-resolution')).toBeVisible();

  // The directors' report shows it beside the states.
  await openApp(page, '/report?asOf=2026-06-30');
  const row = page.getByTestId('attention-table').locator('tr[data-category="api-services"]');
  await expect(row.locator('[data-reason="uncapped-resolved"]')).toContainText(
    'January 5, 2026: 1 transaction(s), RMB 100.00 — reported as a breach on May 15, 2026. Note: Reported to the audit committee.',
  );
  await expect(row.locator('[data-reason="uncapped"]')).toHaveCount(0);

  // The change history keeps it.
  await openApp(page, '/history');
  const rec = page.getByTestId('history-table').locator('tr[data-kind="uncapped-resolve"]');
  await expect(rec).toHaveCount(1);
  await expect(rec).toContainText('api-services:2026-01-05:2026-01-05');
});

test("the directors' report attention table is not cut off on a 390px phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, '/report?asOf=2026-09-01');
  const table = page.getByTestId('attention-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  // The table fits its box: nothing to scroll sideways to, every reason readable.
  const fit = await table.evaluate((el) => {
    const box = el.parentElement!;
    return { table: el.scrollWidth, box: box.clientWidth, page: document.documentElement.scrollWidth };
  });
  expect(fit.table).toBeLessThanOrEqual(fit.box);
  expect(fit.page).toBeLessThanOrEqual(390);
  const reason = table.locator('tr[data-category="hardware-equipment"] [data-reason="no-cap"]');
  const r = await reason.boundingBox();
  expect(r!.x + r!.width).toBeLessThanOrEqual(390);
});
