// @vitest-environment node
/**
 * scripts/lib/ledgerFile.ts (the Node reader behind `npm run status -- --ledger FILE`)
 * and the option itself, run in-process.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerFileError, readLedgerFile, readLedgerFileSync } from '../../../scripts/lib/ledgerFile';
import { runStatus } from '../../../scripts/lib/runStatus';
import { toDayNumber } from '../../../src/domain/dates';
import { sumDays } from '../../../src/domain/ledgerTotals';
import { FIXTURES } from '../domain/import/helpers';

const good = (f: string) => join(FIXTURES, 'good', f);
const bad = (f: string) => join(FIXTURES, 'bad', f);

describe('readLedgerFile', () => {
  it('returns LedgerTotals with exact per-category totals from a CSV and an .xlsx', async () => {
    for (const f of ['gb18030.csv', 'serial-dates.xlsx']) {
      const file = await readLedgerFile(good(f));
      expect(file.errorCount).toBe(0);
      const all = (id: string) =>
        sumDays(file.totals.byCategory.get(id), toDayNumber('2025-01-01'), toDayNumber('2027-12-31'));
      expect(all('cloud-services')).toBe(122_256_739n);
      expect(all('hardware-equipment')).toBe(249_969_975n);
      expect(file.totals.complete.size).toBe(0);
    }
  });

  it('throws a clear error naming the file when a required column cannot be found', async () => {
    await expect(readLedgerFile(bad('missing-amount-column.csv'))).rejects.toThrow(LedgerFileError);
    await expect(readLedgerFile(bad('missing-amount-column.csv'))).rejects.toThrow(
      'missing-amount-column.csv: no column for the amount was found (columns: A "日期", B "类别", C "发票号", D "备注") (headers recognised include 日期/Date, 金额/Amount',
    );
    expect(() => readLedgerFileSync(bad('xlsx-missing-category.xlsx'))).toThrow(
      'xlsx-missing-category.xlsx: no column for the category was found',
    );
  });

  it('refuses unreadable, refused and ambiguous files with the file named', async () => {
    await expect(readLedgerFile(join(FIXTURES, 'nope.csv'))).rejects.toThrow(/nope\.csv: cannot read the ledger file/);
    expect(() => readLedgerFileSync(bad('zip-bomb.xlsx'))).toThrow(/^zip-bomb\.xlsx: refused/);
    expect(() => readLedgerFileSync(bad('ambiguous-dates.csv'))).toThrow(
      /could be DD\/MM\/YYYY or MM\/DD\/YYYY.*write the dates as YYYY-MM-DD/,
    );
    expect(readLedgerFileSync(bad('ambiguous-dates.csv'), { dateOrder: 'dmy' }).result.accepted.length).toBe(3);
  });

  it('returns row errors with row and column for the caller to report', () => {
    const file = readLedgerFileSync(bad('three-decimals.csv'));
    expect(file.errors.map((e) => [e.row, e.column?.letter, e.code])).toEqual([[3, 'C', 'too-many-decimals']]);
  });
});

describe('npm run status -- --ledger FILE', () => {
  const statusJson = (...args: string[]) => {
    const r = runStatus(['--as-of', '2026-07-15', '--json', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return Object.fromEntries(
      (JSON.parse(r.stdout) as { category: string; actual: string }[]).map((x) => [x.category, x.actual]),
    );
  };

  it('adds ledger rows dated after each disclosed snapshot, not those it already covers', () => {
    const without = statusJson();
    const withLedger = statusJson('--ledger', good('utf8-bom-chinese.csv'));
    // Hardware: 2,500,000 − 300.25 yuan after the snapshot of 2026-04-23 → +2.5 million.
    expect(without['hardware-equipment']).toBe('0.0');
    expect(withLedger['hardware-equipment']).toBe('2.5');
    // IDC: 880,000 + 120,000.10 → +1.0 million.
    expect(Number(withLedger['idc-services']) - Number(without['idc-services'])).toBeCloseTo(1.0, 5);
  });

  it('exits 1 with the file, row and column when the ledger cannot be used', () => {
    const missing = runStatus(['--as-of', '2026-07-15', '--ledger', bad('missing-date-column.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^status: missing-date-column\.csv: no column for the date was found/);
    const rows = runStatus(['--as-of', '2026-07-15', '--ledger', bad('unknown-category.csv')]);
    expect(rows.code).toBe(1);
    expect(rows.stderr).toContain('1 row(s) could not be read');
    expect(rows.stderr).toContain(
      'unknown-category.csv: row 3, column B ("类别"): "Consulting" is not a known category',
    );
  });

  it('--ledger needs a value', () => {
    const r = runStatus(['--as-of', '2026-07-15', '--ledger']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ledger needs a value');
  });
});
