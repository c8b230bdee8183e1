import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp } from './support';

/**
 * A raw Kingdee receivables ledger (.xlsx whose first sheet is a cover sheet)
 * through the UI: the connected-person list imported on /parties, rules
 * created from unclassified rows in the preview, every bucket shown, the
 * import committed, the overview updated and the open item visible.
 *
 * Cloud services: the disclosure gives RMB 749.1 million up to April 23, 2026;
 * of the classified rows only 22,600,000.00 (May 25) falls after it, so on
 * June 30 the overview shows 749.1 + 22.6 = 771.7. The one connected row no
 * rule classifies (小米汽车 技术支持, 84,800.00) stays an open item.
 */
const AS_OF = '?asOf=2026-06-30';
const ERP = join(process.cwd(), 'test/fixtures/erp');

test('a raw .xlsx with a cover sheet: rules from the preview, buckets, overview and the open item', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, `/${AS_OF}`);
  await expect(page.getByTestId('card-cloud-services').getByTestId('actual')).toHaveText(/749\.1/);
  await expect(page.getByTestId('open-items-notice')).toHaveCount(0);

  // The Xiaomi group's entities as finance keeps them in a spreadsheet.
  await openApp(page, `/parties${AS_OF}`);
  await page.getByTestId('entity-import').setInputFiles(join(ERP, 'entities.csv'));
  await expect(page.getByTestId('entity-table')).toContainText('小米汽车科技有限公司');
  await expect(page.getByTestId('entity-table')).toContainText('C1001; V2001');

  await openApp(page, `/import${AS_OF}`);
  await page.getByTestId('import-file-input').setInputFiles(join(ERP, 'kingdee-receivables.xlsx'));
  const rawPanel = page.getByTestId('raw-import');
  await expect(rawPanel).toBeVisible();
  await expect(rawPanel).toContainText('Header: row 5. Sheet: 明细账.');
  // No rules yet: every connected row with a date is unclassified.
  await expect(page.getByTestId('bucket-unclassified-count')).toHaveText('7');
  await expect(page.getByTestId('bucket-classified-count')).toHaveText('0');
  await expect(page.getByTestId('bucket-all-count')).toHaveText('22');

  // Rule 1 from row 7: 产品名称 contains 云服务 → Cloud services.
  const row7 = page.getByRole('form', { name: 'Add a rule from row 7' });
  await row7.getByLabel('column').selectOption({ label: '产品名称' });
  await row7.getByLabel('test').selectOption('contains');
  await row7.getByLabel('value').fill('云服务');
  await row7.getByLabel('category').selectOption('cloud-services');
  await row7.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByTestId('bucket-classified-count')).toHaveText('4');

  // Rule 2 from row 10: 合同编号 matches a regular expression → Cloud services.
  const row10 = page.getByRole('form', { name: 'Add a rule from row 10' });
  await row10.getByLabel('column').selectOption({ label: '合同编号' });
  await row10.getByLabel('test').selectOption('regex');
  await row10.getByLabel('value').fill('^KC-XM-CLD-\\d{3}$');
  await row10.getByLabel('category').selectOption('cloud-services');
  await row10.getByRole('button', { name: 'Add rule' }).click();

  // Every row in exactly one bucket.
  await expect(page.getByTestId('bucket-classified-count')).toHaveText('6');
  await expect(page.getByTestId('bucket-unclassified-count')).toHaveText('1');
  await expect(page.getByTestId('bucket-other-count')).toHaveText('5');
  await expect(page.getByTestId('bucket-settlement-count')).toHaveText('2');
  await expect(page.getByTestId('bucket-summary-count')).toHaveText('7');
  await expect(page.getByTestId('bucket-unreadable-count')).toHaveText('1');
  await expect(page.getByTestId('raw-buckets').locator('[data-bucket="classified"]')).toContainText('24,382,000.00');
  await expect(page.getByTestId('raw-per-rule')).toContainText('23,817,000.00');
  await expect(page.getByTestId('raw-per-rule')).toContainText('565,000.00');
  await expect(page.getByTestId('raw-possible')).toContainText('小米通讯技术');
  await expect(page.getByTestId('raw-errors')).toContainText('row 18, column A ("日期")');
  await expect(page.getByTestId('raw-summaries')).toContainText('the rows above add up to');
  await expectNoSeriousA11yViolations(page);

  // The wrong 合计 must be confirmed before importing.
  await expect(page.getByTestId('raw-commit')).toBeDisabled();
  await page.getByTestId('raw-confirm-totals').check();
  await page.getByTestId('raw-commit').click();
  await expect(page.getByTestId('raw-done')).toContainText(
    'Imported 6 rows from kingdee-receivables.xlsx; 1 open item(s)',
  );

  await page.getByTestId('raw-see-overview').click();
  await expect(page.getByTestId('card-cloud-services').getByTestId('actual')).toHaveText(/771\.7/);
  await expect(page.getByTestId('open-items-notice')).toContainText('1 connected-person transaction, RMB 84,800.00');

  // The open item on /parties, assigned by hand (a recorded action) → gone from the overview.
  await openApp(page, `/parties${AS_OF}`);
  await expect(page.getByTestId('open-items')).toContainText('小米汽车科技有限公司');
  await page.getByTestId('open-items').getByRole('combobox').selectOption('cloud-services');
  await page.getByTestId('open-items').getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByTestId('open-items-panel')).toContainText('No open items.');
  await openApp(page, `/${AS_OF}`);
  await expect(page.getByTestId('open-items-notice')).toHaveCount(0);
});

/**
 * The raw-ledger cases of the bad corpus through /import: each gives its
 * message naming the file (and the row and column where there are any), in
 * English and Chinese, and nothing is stored. Two candidate header rows are
 * settled by choosing one in the preview.
 */
test('the raw-ledger cases of the bad corpus: file, row and column named, the header row chosen, nothing stored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const BAD = join(process.cwd(), 'test/fixtures/bad');
  await openApp(page, `/import${AS_OF}`);
  const input = page.getByTestId('import-file-input');
  const rawFatal = page.getByTestId('raw-fatal');

  await input.setInputFiles(join(BAD, 'raw-two-headers.csv'));
  await expect(rawFatal).toHaveText(
    /raw-two-headers\.csv: row 3: rows 2 and 3 both look like the header \(each names 5 known columns\); choose the header rowNothing was stored/,
  );
  await expect(page.getByTestId('raw-buckets')).toHaveCount(0);
  // Choosing row 2 reads the ledger under the Chinese header.
  await page.getByTestId('raw-header-2').click();
  await expect(rawFatal).toHaveCount(0);
  await expect(page.getByTestId('raw-import')).toContainText('Header: row 2.');
  // No connected persons are kept in this browser yet: the one row is another counterparty's.
  await expect(page.getByTestId('bucket-other-count')).toHaveText('1');

  await input.setInputFiles(join(BAD, 'raw-debit-and-credit.csv'));
  await expect(page.getByTestId('raw-errors')).toHaveText(
    'raw-debit-and-credit.csv: row 4, column I ("贷方"): both debit and credit filled: “10,000.00”',
  );
  await expect(page.getByTestId('bucket-unreadable-count')).toHaveText('1');

  await input.setInputFiles(join(BAD, 'raw-total-mismatch.csv'));
  await expect(page.getByTestId('raw-summaries')).toContainText('row 4');
  await expect(page.getByTestId('raw-commit')).toBeDisabled();

  await input.setInputFiles(join(BAD, 'raw-balance-as-amount.csv'));
  // Guessed, the balance column is never the amount: the file has none.
  await expect(rawFatal).toHaveAttribute('data-code', 'missing-column');
  await expect(rawFatal).toContainText('raw-balance-as-amount.csv');

  await input.setInputFiles(join(BAD, 'raw-no-header.csv'));
  await expect(page.getByTestId('import-fatal').or(rawFatal).first()).toContainText('raw-no-header.csv');

  // The same messages in Chinese, from the same codes and values.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await input.setInputFiles(join(BAD, 'raw-debit-and-credit.csv'));
  await expect(page.getByTestId('raw-errors')).toHaveText(
    'raw-debit-and-credit.csv：第4行，I列（“贷方”）：借方和贷方同时有金额：“10,000.00”',
  );
  await input.setInputFiles(join(BAD, 'raw-two-headers.csv'));
  await expect(rawFatal).toContainText(
    'raw-two-headers.csv：第3行：第2行和第3行都像表头（各含5个已知列名）；请选择表头行',
  );
  // A whole-file refusal names what was found in Chinese too (before: a generic line, the specifics in English only).
  await input.setInputFiles(join(BAD, 'raw-no-header.csv'));
  await expect(page.getByTestId('import-fatal').or(rawFatal).first()).toContainText(
    'raw-no-header.csv：前3行中找不到表头行：没有一行含有两个已知列名（如 日期/Date、借方/Debit、贷方/Credit、客户/Customer、供应商/Vendor、摘要/Description）；请选择表头行',
  );
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');

  // Nothing was stored: no batch, the overview unchanged, no open item.
  await openApp(page, `/import${AS_OF}`);
  await expect(page.getByTestId('import-batches').locator('tbody tr')).toHaveCount(0);
  await openApp(page, `/${AS_OF}`);
  await expect(page.getByTestId('card-cloud-services').getByTestId('actual')).toHaveText(/749\.1/);
  await expect(page.getByTestId('open-items-notice')).toHaveCount(0);
});
