// @vitest-environment node
/**
 * The cases of issue 9's "Why", each through the status command as a user runs
 * it, with the figures computed by hand.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStatus } from '../../../scripts/lib/runStatus';
import type { StatusRecord } from '../../../scripts/lib/statusReport';

const dir = mkdtempSync(join(tmpdir(), 'headroom-why-'));
function ledger(name: string, rows: string): string {
  const p = join(dir, name);
  writeFileSync(p, `date,category,amount,reference\n${rows}`);
  return p;
}
function record(category: string, ...args: string[]): StatusRecord {
  const r = runStatus([...args, '--json']);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as StatusRecord[]).find((x) => x.category === category)!;
}

describe('issue 9 cases through status', () => {
  it('an API purchase of April 20, 2026, before the first API cap: read, reported uncapped, exit 0', () => {
    const api = ledger('api.csv', '2026-04-20,api-services,300000.00,API-1\n');
    const r = runStatus(['--as-of', '2026-04-30', '--ledger', api]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'api-services: UNCAPPED — 1 transaction(s) with no cap in force, RMB 300,000.00 in total (0.3 million), first on 2026-04-20 (..2026-04-22 no cap).',
    );
    expect(record('api-services', '--as-of', '2026-04-30', '--ledger', api)).toMatchObject({
      alert: 'uncapped',
      displayStatus: 'uncapped',
      uncappedAmount: '0.3',
      uncappedCount: 1,
      uncappedFirstDate: '2026-04-20',
    });
  });

  it('IDC on February 1, 2028 (RMB 5 million): cap not recorded, uncapped, with the prompt to add it', () => {
    const idc = ledger('idc.csv', '2028-02-01,idc-services,5000000.00,IDC-28\n');
    expect(record('idc-services', '--as-of', '2028-03-31', '--ledger', idc)).toMatchObject({
      capState: 'cap-not-recorded',
      alert: 'uncapped',
      uncappedAmount: '5.0',
      uncappedCount: 1,
      noDataReason: 'cap-not-recorded',
    });
  });

  it('one fen below the 80% threshold: 79.9%, ok; one fen over the cap: 100.1%, −0.1, EXCEEDED', () => {
    // Cloud 2026: cap 3,138.3; 749.1 disclosed to April 23; 80% = 2,510.64 million.
    const below = ledger('below.csv', '2026-04-30,cloud-services,1761539999.99,C-FEN\n');
    const close = ['--complete-through', 'cloud-services=2026-04-30'];
    expect(record('cloud-services', '--as-of', '2026-04-30', '--ledger', below, ...close)).toMatchObject({
      actualExact: '2510639999.99',
      utilisation: '79.9',
      alert: 'ok',
    });
    const over = ledger('over.csv', '2026-04-30,cloud-services,2389200000.01,C-OVER\n');
    expect(record('cloud-services', '--as-of', '2026-04-30', '--ledger', over, ...close)).toMatchObject({
      actualExact: '3138300000.01',
      utilisation: '100.1',
      headroom: '-0.1',
      headroomExact: '-0.01',
      alert: 'exceeded',
    });
  });

  it('an approval dated before the announcement of the cap it decides is refused (exit 2)', () => {
    const r = runStatus(['--as-of', '2026-05-31', '--approve', 'agm-2026-cloud-services=2026-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('an outcome dated 2026-01-01 is before the cap it decides');
  });
});
