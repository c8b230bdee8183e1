// @vitest-environment node
/**
 * `status --ledger FILE --rules FILE`: raw receivables and payables ledgers
 * classified by the connected-persons file, every bucket reported, the
 * classified amounts added to the actuals.
 */
import { describe, expect, it } from 'vitest';
import { runStatus } from '../../../scripts/lib/runStatus';
import { readRawLedgerSync } from '../../../scripts/lib/rawLedgerFile';
import type { StatusRecord } from '../../../scripts/lib/statusReport';
import { kingsoftCloudXiaomi2026 } from '../../../src/domain/disclosed/kingsoftCloudXiaomi2026';

const RULES = 'test/fixtures/erp/rules.json';

function statusJson(...args: string[]) {
  const r = runStatus(['--as-of', '2026-06-30', '--json', ...args]);
  return { ...r, records: r.code === 0 ? (JSON.parse(r.stdout) as StatusRecord[]) : [] };
}

describe('status --ledger … --rules …', () => {
  it('receivables: the six classified rows add RMB 24,382,000.00 to cloud services; every bucket on stderr', () => {
    const r = statusJson('--ledger', 'test/fixtures/erp/kingdee-receivables.xlsx', '--rules', RULES);
    expect(r.code).toBe(0);
    // The classified rows are what the engine gets as the ledger.
    const run = readRawLedgerSync('test/fixtures/erp/kingdee-receivables.xlsx', RULES, kingsoftCloudXiaomi2026);
    const cloud = run.totals.byCategory.get('cloud-services')!;
    expect(cloud.prefix[cloud.prefix.length - 1]).toBe(2_438_200_000n);
    expect(run.totals.byCategory.get('idc-services')!.prefix.length).toBe(0);
    expect(r.stderr).toContain('status: kingdee-receivables.xlsx: 22 row(s) under the header (row 5)');
    expect(r.stderr).toMatch(/classified \(imported\) +6 {2}RMB 24,382,000\.00/);
    expect(r.stderr).toMatch(/connected, not classified \(open items\) +1 {2}RMB 84,800\.00/);
    expect(r.stderr).toMatch(/other counterparties \(not imported\) +5 {2}RMB 890,400\.00/);
    expect(r.stderr).toMatch(/settlement and closing \(never counted\) +2 {2}RMB 1,356,000\.00/);
    expect(r.stderr).toMatch(/summary rows \(excluded\) +7\n/);
    expect(r.stderr).toMatch(/unreadable \(not counted\) +1 {2}RMB 56,500\.00/);
    expect(r.stderr).toContain('check: row 26 "合计" says 25,513,700.00 but the rows above add up to 25,413,700.00');
    expect(r.stderr).toContain('open item: row 16, 小米汽车科技有限公司 (xiaomi-ev), RMB 84,800.00');
    expect(r.stderr).toContain('cap basis of cloud-services: tax-inclusive, functional currency (RMB)');
  });

  it('payables: purchases counted before VAT; the tax-exclusive basis is stated', () => {
    const r = statusJson('--ledger', 'test/fixtures/erp/yonyou-payables.xls', '--rules', RULES);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/classified \(imported\) +4 {2}RMB 680,000\.00/);
    expect(r.stderr).toMatch(/connected, not classified \(open items\) +1 {2}RMB 21,200\.00/);
    expect(r.stderr).toMatch(/other counterparties \(not imported\) +1 {2}RMB 339,000\.00/);
    expect(r.stderr).toMatch(/settlement and closing \(never counted\) +1 {2}RMB 565,000\.00/);
    expect(r.stderr).toMatch(/summary rows \(excluded\) +4\n/);
    expect(r.stderr).toMatch(/unreadable \(not counted\) +1 {2}RMB 0\.00/);
    expect(r.stderr).toContain('cap basis of hardware-equipment: tax-exclusive, functional currency (RMB)');
  });

  it('a signed SAP ledger needs the side; --side debit reads it', () => {
    const without = runStatus([
      '--as-of',
      '2026-06-30',
      '--ledger',
      'test/fixtures/erp/sap-fbl5n.xls',
      '--rules',
      RULES,
    ]);
    expect(without.code).toBe(0);
    expect(without.stdout).toContain('transactions on the all side');
    const r = statusJson('--ledger', 'test/fixtures/erp/sap-fbl5n.xls', '--rules', RULES, '--side', 'debit');
    expect(r.stderr).toMatch(/settlement and closing \(never counted\) +1 {2}RMB 565,000\.00/);
  });

  it('a bad rules file is refused naming the file and the place; nothing is reported', () => {
    const r = runStatus([
      '--as-of',
      '2026-06-30',
      '--ledger',
      'test/fixtures/erp/kingdee-receivables.xlsx',
      '--rules',
      'test/fixtures/bad/rules-invalid-regex.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('status: rules-invalid-regex.json: rules[1].conditions[0]:');
  });

  it('--rules without --ledger is a usage error', () => {
    const r = runStatus(['--as-of', '2026-06-30', '--rules', RULES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rules needs --ledger FILE');
  });
});

describe('every row of the four ERP fixtures accounted for through status --ledger … --rules …', () => {
  // [file, extra arguments, rows under the header, classified, open items, other, settlement, summary, unreadable]
  const cases: [string, string[], number, number, number, number, number, number, number][] = [
    ['kingdee-receivables.xlsx', [], 22, 6, 1, 5, 2, 7, 1],
    ['yonyou-payables.xls', [], 12, 4, 1, 1, 1, 4, 1],
    // A signed SAP ledger: the debit side holds the invoices, the credit note is settlement.
    ['sap-fbl5n.xls', ['--side', 'debit'], 5, 1, 1, 1, 1, 1, 0],
    ['oracle-ar.xls', [], 6, 2, 1, 1, 1, 1, 0],
  ];
  it.each(cases)('%s', (file, extra, rows, ...want) => {
    const r = runStatus(['--as-of', '2026-06-30', '--ledger', `test/fixtures/erp/${file}`, '--rules', RULES, ...extra]);
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(`${file}: ${rows} row(s) under the header`);
    const labels = [
      'classified \\(imported\\)',
      'connected, not classified \\(open items\\)',
      'other counterparties \\(not imported\\)',
      'settlement and closing \\(never counted\\)',
      'summary rows \\(excluded\\)',
      'unreadable \\(not counted\\)',
    ];
    const got = labels.map((l) => Number(new RegExp(`${l} +(\\d+)`).exec(out)?.[1]));
    expect(got).toEqual(want);
    // Each row in exactly one bucket.
    expect(got.reduce((a, b) => a + b, 0)).toBe(rows);
  });
});
