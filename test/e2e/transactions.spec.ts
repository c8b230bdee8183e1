import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { read as readWorkbook } from '@e965/xlsx';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp, trackForeignRequests } from './support';

/**
 * The ledger in a real browser: uploads through the import page, manual entry
 * with undo, reload, rollback, and the bad-file corpus. Every test starts with
 * an empty IndexedDB (a fresh browser context).
 *
 * test/fixtures/good/*.csv|xlsx hold the same eight rows. For IDC services the
 * disclosure is RMB 14.1 million up to April 23, 2026; the file adds
 * 880,000.00 (May 15) and 120,000.10 (June 30), so on June 30, 2026 the
 * overview shows 14.1 + 1.0 = 15.1. Cloud services has 1,234,567.89 on April 23
 * (covered by the disclosure, not added) and −12,000.50 on May 4.
 */
const AS_OF = '?asOf=2026-06-30';
const FIXTURES = join(process.cwd(), 'test/fixtures');
const GOOD_CSV = join(FIXTURES, 'good/utf8-bom-chinese.csv');
const GOOD_XLSX = join(FIXTURES, 'good/serial-dates.xlsx');

async function importFile(page: Page, file: string, rows: number): Promise<void> {
  await openApp(page, `/import${AS_OF}`);
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await expect(page.getByTestId('import-plan')).toContainText(`To import: ${rows} rows`);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText(`Imported ${rows} rows`);
}

async function idcActual(page: Page) {
  return page.getByTestId('card-idc-services').getByTestId('actual');
}

async function ledgerSummary(page: Page) {
  await openApp(page, `/transactions${AS_OF}`);
  return page.getByTestId('ledger-summary');
}

test.describe('ledger', () => {
  test('a CSV upload through the import page reaches the overview, the ledger and the reconciliation, and survives a reload', async ({
    page,
    baseURL,
  }) => {
    const foreign = trackForeignRequests(page, baseURL!);
    await openApp(page, `/${AS_OF}`);
    await expect(await idcActual(page)).toHaveText(/14\.1/);

    await openApp(page, `/import${AS_OF}`);
    await page.getByTestId('import-file-input').setInputFiles(GOOD_CSV);
    // The preview shows the header and rows as text, with the guessed roles.
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText('交易日期');
    await expect(preview).toContainText('(¥12,000.50)');
    await expect(page.getByTestId('role-0')).toHaveValue('date');
    await expect(page.getByTestId('role-2')).toHaveValue('amount');
    await expect(page.getByTestId('import-file-info')).toContainText('UTF-8 with BOM');
    await expect(page.getByTestId('import-plan')).toContainText('To import: 8 rows, total RMB 4,767,946.15.');
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 8 rows from utf8-bom-chinese.csv');
    await expect(page.getByTestId('import-batches')).toContainText('utf8-bom-chinese.csv');

    await page.getByTestId('import-see-overview').click();
    await expect(await idcActual(page)).toHaveText(/15\.1/);

    await page.reload();
    await expect(await idcActual(page)).toHaveText(/15\.1/);
    await expect(await ledgerSummary(page)).toHaveText('8 transactions, total RMB 4,767,946.15');
    await expect(page.getByTestId('ledger-table')).toContainText('退款, 贷项通知单');

    await openApp(page, `/reconciliation${AS_OF}`);
    const cloud2026 = page.getByTestId('recon-row-cloud-2026-ytd');
    await expect(cloud2026.getByTestId('recon-ledger')).toHaveText('1.2');
    await expect(cloud2026.getByTestId('recon-diff')).toHaveText('−747.9');
    await expect(page.getByTestId('recon-actual-cloud-services')).toContainText('covered by the disclosure');
    // Marking IDC complete: the ledger replaces the disclosure (1.0 instead of 15.1).
    await page.getByTestId('complete-idc-services').check();
    // The switch is disabled while the setting is saved: leave the page only once it is stored.
    await expect(page.getByTestId('complete-idc-services')).toBeEnabled();
    await openApp(page, `/${AS_OF}`);
    await expect(await idcActual(page)).toHaveText(/^1\.0/);
    expect(foreign).toEqual([]);
  });

  test('a file dropped on the drop zone is read like a chosen one', async ({ page }) => {
    await openApp(page, `/import${AS_OF}`);
    const base64 = readFileSync(GOOD_CSV).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.csv', { type: 'text/csv' }));
      return dt;
    }, base64);
    await page.getByTestId('import-dropzone').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer });
    await expect(page.getByTestId('import-file-info')).toContainText('dropped.csv: CSV, UTF-8 with BOM');
    await expect(page.getByTestId('import-plan')).toContainText('To import: 8 rows');
  });

  test('an .xlsx upload with Excel serial dates gives the same figures', async ({ page }) => {
    await importFile(page, GOOD_XLSX, 8);
    await page.getByTestId('import-see-overview').click();
    await expect(await idcActual(page)).toHaveText(/15\.1/);
    await expect(await ledgerSummary(page)).toHaveText('8 transactions, total RMB 4,767,946.15');
  });

  test('a 9 MB CSV file, read by two workers at once, imports every row: a duplicate across the halves and the closing total row are found', async ({
    page,
  }) => {
    // 160,000 rows (over the 8 MB from which two workers read a CSV file in two halves),
    // then row 2 again and a 合计 row: found only by putting the halves together.
    const cats = ['idc-services', 'hardware-equipment'];
    const lines = ['日期,类别,金额,发票号,摘要'];
    let sum = 0;
    for (let i = 0; i < 160_000; i++) {
      const fen = 100 + ((i * 7919) % 99_900);
      sum += fen;
      lines.push(
        `2026-05-${String(1 + (i % 28)).padStart(2, '0')},${cats[i % 2]},${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')},INV-${1_000_000 + i},"服务费, 第${i % 97}期"`,
      );
    }
    lines.push(lines[1]!, `合计,,${(sum + 100) / 100},,`);
    const file = join(mkdtempSync(join(tmpdir(), 'headroom-big-')), 'big-ledger.csv');
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const yuan = (fen: number) =>
      `RMB ${Math.floor(fen / 100).toLocaleString('en')}.${String(fen % 100).padStart(2, '0')}`;

    await openApp(page, `/import${AS_OF}`);
    await page.getByTestId('import-file-input').setInputFiles(file);
    await expect(page.getByTestId('import-duplicates')).toContainText('Row 160002 repeats row 2 of this file', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('import-plan')).toContainText(`To import: 160,000 rows, total ${yuan(sum)}.`);
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 160,000 rows from big-ledger.csv', {
      timeout: 30_000,
    });
    await expect(await ledgerSummary(page)).toHaveText(`160,000 transactions, total ${yuan(sum)}`);
  });

  test('importing the same file again finds every row already stored and imports nothing twice', async ({ page }) => {
    await importFile(page, GOOD_CSV, 8);
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByTestId('import-file-input').setInputFiles(GOOD_XLSX);
    await expect(page.getByTestId('import-summary')).toContainText(
      'Rows already in the ledger (same date, category, amount and reference): 8',
    );
    await expect(page.getByTestId('import-duplicates')).toContainText(
      'Row 4 is already stored: utf8-bom-chinese.csv, row 2',
    );
    await expect(page.getByTestId('import-commit')).toBeDisabled();
    // Choosing to keep duplicates would import them; the default skips them.
    await page.getByTestId('skip-duplicates').uncheck();
    await expect(page.getByTestId('import-plan')).toContainText('To import: 8 rows');
  });

  test('a column mapping and unit chosen by the user are remembered for the same header layout', async ({ page }) => {
    await openApp(page, `/import${AS_OF}`);
    await page.getByTestId('import-file-input').setInputFiles(GOOD_CSV);
    await expect(page.getByTestId('role-4')).toHaveValue('description');
    await page.getByTestId('role-4').selectOption('ignore');
    await page.getByTestId('import-unit').selectOption('thousand');
    // Re-parsed in thousands of yuan: every amount × 1,000, still exact to the fen.
    await expect(page.getByTestId('import-plan')).toContainText('To import: 8 rows, total RMB 4,767,946,150.00.');
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toBeVisible();
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.getByTestId('import-file-input').setInputFiles(GOOD_CSV);
    await expect(page.getByTestId('role-4')).toHaveValue('ignore');
    await expect(page.getByTestId('import-unit')).toHaveValue('thousand');
  });

  test('a manual entry with undo and redo, kept across a reload', async ({ page }) => {
    await openApp(page, `/transactions${AS_OF}`);
    await page.getByLabel('Date', { exact: true }).fill('2026-06-01');
    await page.getByLabel('Category', { exact: true }).selectOption('idc-services');
    await page.getByLabel('Amount (RMB yuan)').fill('1,000,000.00');
    await page.getByLabel('Reference').fill('PO-E2E-1');
    await page.getByLabel('Amount (RMB yuan)').press('Enter');
    await expect(page.getByTestId('tx-status')).toHaveText('Added PO-E2E-1 (1,000,000.00).');
    await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 1,000,000.00');

    await page.getByRole('link', { name: 'Overview' }).first().click();
    await expect(await idcActual(page)).toHaveText(/15\.1/);
    await page.goBack();

    // Ctrl+Z outside a text field undoes; Ctrl+Shift+Z redoes.
    // A shortcut pressed while the previous undo or redo is still being written is ignored (the
    // buttons are disabled then too): wait for the button, as a person sees it, before each key.
    await page.locator('h1').click();
    await expect(page.getByTestId('undo')).toBeEnabled();
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('ledger-summary')).toHaveText('0 transactions, total RMB 0.00');
    await expect(page.getByTestId('redo')).toBeEnabled();
    await page.keyboard.press('Control+Shift+Z');
    await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 1,000,000.00');
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('ledger-summary')).toHaveText('0 transactions, total RMB 0.00');
    await page.getByTestId('redo').click();
    await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 1,000,000.00');

    await page.reload();
    await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 1,000,000.00');
    await expect(page.getByTestId('ledger-table')).toContainText('PO-E2E-1');
    await expect(page.getByTestId('persist-status')).toBeVisible();
  });

  test('two open tabs stay consistent without a reload', async ({ page, context }) => {
    const other = await context.newPage();
    await openApp(other, `/${AS_OF}`);
    await expect(await idcActual(other)).toHaveText(/14\.1/);
    await openApp(page, `/transactions${AS_OF}`);
    await page.getByLabel('Date', { exact: true }).fill('2026-06-03');
    await page.getByLabel('Category', { exact: true }).selectOption('idc-services');
    await page.getByLabel('Amount (RMB yuan)').fill('2,000,000');
    await page.getByTestId('entry-save').click();
    await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 2,000,000.00');
    // The other tab hears the change over the BroadcastChannel and refetches.
    await expect(await idcActual(other)).toHaveText(/16\.1/);
    await page.getByTestId('undo').click();
    await expect(await idcActual(other)).toHaveText(/14\.1/);
  });

  test('a rollback removes exactly the batch', async ({ page }) => {
    await openApp(page, `/transactions${AS_OF}`);
    await page.getByLabel('Date', { exact: true }).fill('2026-06-02');
    await page.getByLabel('Category', { exact: true }).selectOption('cloud-services');
    await page.getByLabel('Amount (RMB yuan)').fill('500');
    await page.getByTestId('entry-save').click();
    await expect(page.getByTestId('ledger-summary')).toHaveText('1 transactions, total RMB 500.00');

    await importFile(page, GOOD_CSV, 8);
    await expect(await ledgerSummary(page)).toHaveText('9 transactions, total RMB 4,768,446.15');

    await openApp(page, `/import${AS_OF}`);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('batch-rollback').click();
    await expect(page.getByTestId('rollback-message')).toHaveText('Rolled back utf8-bom-chinese.csv: 8 rows removed.');
    await expect(page.getByTestId('import-batches')).toContainText('Rolled back');
    await expect(await ledgerSummary(page)).toHaveText('1 transactions, total RMB 500.00');
    await openApp(page, `/${AS_OF}`);
    await expect(await idcActual(page)).toHaveText(/14\.1/);
  });

  test('a reload in the middle of an import leaves the whole batch or nothing', async ({ page }) => {
    test.setTimeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'headroom-e2e-'));
    const file = join(dir, 'big.csv');
    const rows = 200_000;
    const lines = ['Date,Category,Amount,Reference'];
    for (let i = 0; i < rows; i++)
      lines.push(`2026-05-${String(1 + (i % 28)).padStart(2, '0')},idc-services,1.00,R${i}`);
    writeFileSync(file, `${lines.join('\n')}\n`);

    await openApp(page, `/import${AS_OF}`);
    await page.getByTestId('import-file-input').setInputFiles(file);
    await expect(page.getByTestId('import-plan')).toContainText('To import: 200,000 rows', { timeout: 60_000 });
    // The page reloads itself as soon as the rows are prepared and the chunk
    // writes begin, so the reload lands in the middle of the transaction.
    await page.evaluate(() => {
      new PerformanceObserver((list) => {
        if (list.getEntries().some((e) => e.name === 'headroom:import:writing')) location.reload();
      }).observe({ entryTypes: ['mark'] });
    });
    await Promise.all([page.waitForEvent('load'), page.getByTestId('import-commit').click()]);
    const summary = await ledgerSummary(page);
    await expect(summary).toHaveText(/transactions/);
    const text = await summary.textContent();
    expect(['0 transactions, total RMB 0.00', '200,000 transactions, total RMB 200,000.00']).toContain(text);
    test.info().annotations.push({
      type: 'outcome',
      description: text!.startsWith('0 ') ? 'nothing stored' : 'whole batch stored',
    });
    // The figures the engine reads agree with the rows: 14.1 + 0 or 14.1 + 0.2.
    await openApp(page, `/${AS_OF}`);
    await expect(await idcActual(page)).toHaveText(text!.startsWith('0 ') ? /14\.1/ : /14\.3/);
  });

  test('ledger exports (CSV and .xlsx) neutralise formulas; a backup restores exactly and a bad one changes nothing', async ({
    page,
  }) => {
    await importFile(page, GOOD_CSV, 8);
    await openApp(page, `/transactions${AS_OF}`);
    await page.getByLabel('Date', { exact: true }).fill('2026-06-05');
    await page.getByLabel('Category', { exact: true }).selectOption('cloud-services');
    await page.getByLabel('Amount (RMB yuan)').fill('-5');
    await page.getByLabel('Reference').fill('=HYPERLINK("http://x","y")');
    await page.getByTestId('entry-save').click();
    await expect(page.getByTestId('ledger-summary')).toHaveText('9 transactions, total RMB 4,767,941.15');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync(await csvDownload.path()).toString('utf8');
    expect(csv.startsWith('\uFEFFDate,Category,Amount (RMB),Reference,Description,Source,Source row\r\n')).toBe(true);
    expect(csv).toContain('2026-06-05,cloud-services,-5.00,"\'=HYPERLINK(""http://x"",""y"")",,manual,\r\n');
    expect(csv).toContain(
      '2026-05-04,cloud-services,-12000.50,CN-2026-0002,"退款, 贷项通知单",utf8-bom-chinese.csv,3\r\n',
    );
    await expect(page.getByTestId('storage-message')).toHaveText('Exported 9 rows.');

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const sheet = readWorkbook(readFileSync(await xlsxDownload.path())).Sheets.Ledger!;
    expect(sheet.C2).toMatchObject({ t: 'n', v: -5 });
    expect(sheet.D2).toMatchObject({ t: 's', v: '\'=HYPERLINK("http://x","y")' });

    const [backupDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('backup-export').click(),
    ]);
    const backupPath = await backupDownload.path();
    await expect(page.getByTestId('storage-message')).toHaveText('Backup saved: 9 ledger rows.');

    // After the backup: one more entry, then a damaged backup is refused and changes nothing.
    await page.getByLabel('Amount (RMB yuan)').fill('1');
    await page.getByLabel('Reference').fill('after-backup');
    await page.getByTestId('entry-save').click();
    await expect(page.getByTestId('ledger-summary')).toHaveText('10 transactions, total RMB 4,767,942.15');
    const dir = mkdtempSync(join(tmpdir(), 'headroom-e2e-'));
    const damaged = join(dir, 'damaged.json');
    writeFileSync(
      damaged,
      readFileSync(backupPath).toString('utf8').replace('"amountMinor":-500', '"amountMinor":-400'),
    );
    page.on('dialog', (d) => void d.accept());
    await page.getByTestId('backup-restore-input').setInputFiles(damaged);
    await expect(page.getByTestId('storage-message')).toContainText('was not restored and nothing was changed');
    await expect(page.getByTestId('ledger-summary')).toHaveText('10 transactions, total RMB 4,767,942.15');

    await page.getByTestId('backup-restore-input').setInputFiles(backupPath);
    await expect(page.getByTestId('storage-message')).toContainText('9 ledger rows');
    await expect(page.getByTestId('ledger-summary')).toHaveText('9 transactions, total RMB 4,767,941.15');
    await page.reload();
    await expect(page.getByTestId('ledger-summary')).toHaveText('9 transactions, total RMB 4,767,941.15');
  });

  // date-outside-term.csv stays in the corpus but is no longer bad input (issue 9): its rows
  // are imported and reported as uncapped (see the uncapped test in truth.spec.ts).
  // total-row.csv has no bad row either since the raw-ledger work (its 合计 row is excluded and
  // shown as a notice, see fixtures.test.ts).
  const bad = readdirSync(join(FIXTURES, 'bad'))
    // raw-*.csv are raw-ledger cases: they go through the raw import (rules, buckets) and are checked by its own tests.
    .filter((n) => n !== 'date-outside-term.csv' && n !== 'total-row.csv' && !n.startsWith('raw-'))
    .sort();
  test(`every file of the bad corpus (${bad.length}) is explained and changes nothing stored`, async ({ page }) => {
    test.setTimeout(180_000);
    await importFile(page, GOOD_CSV, 8);
    // ?maxRows=25 lowers the row limit so too-many-rows.csv (30 rows) trips it.
    await openApp(page, `/import${AS_OF}&maxRows=25`);
    for (const name of bad) {
      await page.getByTestId('import-file-input').setInputFiles(join(FIXTURES, 'bad', name));
      const fatal = page.getByTestId('import-fatal');
      const ambiguity = page.getByTestId('import-ambiguity');
      const errors = page.getByTestId('import-errors');
      await expect(page.getByTestId('import-file-info').or(fatal).first(), name).toContainText(name);
      await expect(fatal.or(ambiguity).or(errors), name).toBeVisible();
      if (await fatal.isVisible()) {
        await expect(fatal, name).toContainText(name);
        await expect(fatal, name).toContainText('Nothing was stored; the ledger is unchanged.');
      } else if (await errors.isVisible()) {
        // Each listed error names its row and column; the file's text is shown as text.
        const first = errors.locator('tbody tr').first();
        await expect(first.locator('td').nth(0), name).toHaveText(/^\d+$/);
        await expect(first.locator('td').nth(1), name).toHaveText(/^[A-Z]+ \(|—/);
      } else {
        await expect(ambiguity, name).toContainText('DD/MM/YYYY');
      }
      await expect(page.getByTestId('import-done')).toHaveCount(0);
    }
    // Nothing was added: the one good batch is all there is.
    await expect(page.getByTestId('import-batches').locator('tbody tr')).toHaveCount(1);
    await expect(await ledgerSummary(page)).toHaveText('8 transactions, total RMB 4,767,946.15');
  });
});
