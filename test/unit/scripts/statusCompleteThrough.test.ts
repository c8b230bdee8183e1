// @vitest-environment node
/** status --complete-through CATEGORY=DATE: the month-end close the app keeps per category. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStatus } from '../../../scripts/lib/runStatus';
import type { StatusRecord } from '../../../scripts/lib/statusReport';

const dir = mkdtempSync(join(tmpdir(), 'headroom-close-'));
const ledger = join(dir, 'ledger.csv');
// Cloud services after the disclosure (749.1 million to April 23, 2026): 100,000,000.00 on May 20, 50,500,000.00 on June 10.
writeFileSync(
  ledger,
  'date,category,amount,reference\n2026-05-20,cloud-services,100000000.00,A\n2026-06-10,cloud-services,50500000.00,B\n',
);

function cloud(...args: string[]): StatusRecord {
  const r = runStatus([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as StatusRecord[]).find((x) => x.category === 'cloud-services')!;
}

describe('status --complete-through', () => {
  it('without a close the ledger rows after April 23 are provisional', () => {
    const c = cloud('--as-of', '2026-06-30', '--ledger', ledger);
    expect([c.actual, c.actualThrough, c.provisional]).toEqual(['899.6', '2026-04-23', true]);
  });

  it('closed through May 31: known through it; the June row keeps the figure provisional', () => {
    const c = cloud('--as-of', '2026-06-30', '--ledger', ledger, '--complete-through', 'cloud-services=2026-05-31');
    expect([c.actual, c.actualThrough, c.provisional, c.utilisation]).toEqual(['899.6', '2026-05-31', true, '28.7']);
  });

  it('closed through June 30: final; the table has no provisional mark', () => {
    const c = cloud('--as-of', '2026-06-30', '--ledger', ledger, '--complete-through=cloud-services=2026-06-30');
    expect([c.actualThrough, c.provisional]).toEqual(['2026-06-30', false]);
    const text = runStatus([
      '--as-of',
      '2026-06-30',
      '--ledger',
      ledger,
      '--complete-through=cloud-services=2026-06-30',
    ]);
    expect(text.stdout).not.toContain('cloud-services: * provisional');
  });

  it('a 2027 category with no disclosure is no data until a close states its (empty) ledger', () => {
    const before = runStatus(['--as-of', '2027-02-28', '--json']);
    const idc = (JSON.parse(before.stdout) as StatusRecord[]).find((x) => x.category === 'idc-services')!;
    expect([idc.actual, idc.displayStatus]).toEqual([null, 'no-data']);
    const after = runStatus(['--as-of', '2027-02-28', '--complete-through', 'idc-services=2027-01-31', '--json']);
    const idc2 = (JSON.parse(after.stdout) as StatusRecord[]).find((x) => x.category === 'idc-services')!;
    expect([idc2.actual, idc2.actualThrough, idc2.alert]).toEqual(['0.0', '2027-01-31', 'ok']);
  });

  it('refuses an unknown category, a bad date and a repeat (exit 2)', () => {
    for (const bad of [
      ['--complete-through', 'nope=2026-05-31'],
      ['--complete-through', 'cloud-services=2026-02-30'],
      ['--complete-through', 'cloud-services'],
      ['--complete-through', 'cloud-services=2026-05-31', '--complete-through', 'cloud-services=2026-06-30'],
    ]) {
      const r = runStatus(['--as-of', '2026-06-30', ...bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--complete-through/);
    }
  });
});
