import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { openApp } from './support';

/**
 * The monthly report's CSV and .xlsx carry the screen's provisional mark: a
 * cumulative dated after the day the figures are known through (cloud: the
 * ledger closed through May 31, 2026; June's 899.6 = 749.1 disclosed to April 23
 * + 100.0 on May 20 + 50.5 on June 10) is marked, May's is not.
 */
async function download(page: Page, button: Locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

test('a provisional cumulative is marked in the monthly CSV and .xlsx as on screen', async ({ page }) => {
  await openApp(page, '/import?asOf=2026-06-30');
  await page.getByTestId('import-file-input').setInputFiles({
    name: 'cloud-may-june.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'date,category,amount,reference\n2026-05-20,cloud-services,100000000.00,C-1\n2026-06-10,cloud-services,50500000.00,C-2\n',
    ),
  });
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('Imported 2 rows');
  await openApp(page, '/reconciliation?asOf=2026-06-30');
  const form = page.getByTestId('complete-through-cloud-services');
  await form.getByLabel('Ledger complete through').fill('2026-05-31');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved: the ledger is complete through May 31, 2026.');

  await openApp(page, '/report/monthly?asOf=2026-06-30');
  const june = page.getByTestId('monthly-table-cloud-services').locator('tr[data-month="2026-06"]');
  await expect(june.locator('td[data-provisional]')).toHaveText('899.6*');

  const XLSX = await import('@e965/xlsx');
  const MARK = '* provisional: includes ledger rows after 2026-05-31, the last day known complete';
  const csv = await download(page, page.getByRole('button', { name: 'Download “monthly report” as CSV' }));
  expect(csv.name).toBe('headroom-monthly-2026-06-30.csv');
  const csvBook = XLSX.read(csv.bytes.toString('utf8').slice(1), { type: 'string', raw: true });
  const fromCsv = XLSX.utils.sheet_to_json<Record<string, string>>(csvBook.Sheets[csvBook.SheetNames[0]!]!, {
    raw: false,
  });
  const cloud = (rows: Record<string, unknown>[], month: string) =>
    rows.find((r) => r['Category id'] === 'cloud-services' && r.Month === month)!;
  expect(cloud(fromCsv, '2026-06')).toMatchObject({ 'Cumulative (RMB m)': '899.6', 'Provisional (*)': MARK });
  expect(cloud(fromCsv, '2026-05')['Provisional (*)'] ?? '').toBe(''); // May 31 is known complete: final
  expect(cloud(fromCsv, '2026-05')['Cumulative (RMB m)']).toBe('849.1');

  const xlsx = await download(
    page,
    page.getByRole('button', { name: 'Download “monthly report” as an Excel workbook (.xlsx)' }),
  );
  const wb = XLSX.read(xlsx.bytes, { type: 'buffer' });
  for (const sheet of [wb.SheetNames[0]!, 'Cloud services']) {
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[sheet]!, { raw: true });
    expect(cloud(rows, '2026-06')).toMatchObject({ 'Cumulative (RMB m)': 899.6, 'Provisional (*)': MARK });
    expect(cloud(rows, '2026-05')['Provisional (*)'] ?? '').toBe('');
    expect(cloud(rows, '2026-05')['Cumulative (RMB m)']).toBe(849.1);
  }
});
