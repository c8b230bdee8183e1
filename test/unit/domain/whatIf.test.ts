import { describe, expect, it } from 'vitest';
import { fromUnits } from '../../../src/domain/money';
import { percentString } from '../../../src/domain/format';
import { whatIf } from '../../../src/domain/whatIf';
import { runStatus } from '../../../scripts/lib/runStatus';
import { ctx, mil } from './fixtures';

describe('whatIf: will this order fit?', () => {
  // Cloud services on April 23, 2026: 749.1 of the original 3,138.3 (threshold 80% = 2,510.64).
  it.each([
    // [amount in yuan, verdict, utilisation after, crosses threshold, crosses cap]
    ['1000000000', 'fits', '55.7', false, false], // 1,749.1 / 3,138.3
    ['1761539999.99', 'fits', '80.0', false, false], // one fen below 2,510.64 (exactly 79.99999…%)
    ['1761540000', 'threshold', '80.0', true, false], // 749.1 + 1,761.54 = 2,510.64, the threshold amount
    ['2389200000', 'threshold', '100.0', true, false], // exactly the cap: at it, not over it
    ['2389200000.01', 'exceeds', '100.0', true, true], // one fen over the cap
  ] as const)('cloud-services, %s yuan on 2026-04-23 → %s', (amount, verdict, after, thr, cap) => {
    const r = whatIf(ctx(), 'cloud-services', '2026-04-23', fromUnits(amount));
    expect(r.cap!.id).toBe('cloud-2026-original');
    expect(mil(r.before)).toBe('749.1');
    expect(percentString(r.utilisationBefore)).toBe('23.9');
    expect(percentString(r.utilisationAfter)).toBe(after);
    expect(r.verdict).toBe(verdict);
    expect(r.crossesThreshold).toBe(thr);
    expect(r.crossesCap).toBe(cap);
  });

  it('hardware on August 1, 2026 before any AGM outcome: no cap in force, the order would be uncapped', () => {
    const r = whatIf(ctx(), 'hardware-equipment', '2026-08-01', fromUnits('5000000'));
    expect(r).toMatchObject({ cap: null, capState: 'no-cap', verdict: 'no-cap' });
  });

  it('IDC in February 2028: the cap is not recorded', () => {
    const r = whatIf(ctx(), 'idc-services', '2028-02-01', fromUnits('5000000'));
    expect(r).toMatchObject({ cap: null, capState: 'cap-not-recorded', verdict: 'no-cap' });
  });

  it('API services in May 2026: the actual to date is unknown, so only a breach by the order alone could be told', () => {
    expect(whatIf(ctx(), 'api-services', '2026-05-01', fromUnits('100')).verdict).toBe('unknown');
    // 20.0 million cap: an order of 20,000,000.01 exceeds it whatever came before.
    expect(whatIf(ctx(), 'api-services', '2026-05-01', fromUnits('20000000.01')).verdict).toBe('exceeds');
  });
});

describe('status --what-if', () => {
  it('prints the verdict with the cap and utilisation before and after', () => {
    const r = runStatus(['--what-if', 'cloud-services=2026-04-23:2389200000.01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cloud-services on 2026-04-23: an order of RMB 2,389,200,000.01');
    expect(r.stdout).toContain(
      'utilisation 23.9% before, 100.1% after (headroom after −0.1 million) — EXCEEDS the cap',
    );
  });

  it('JSON: exact amounts and the verdict', () => {
    const r = runStatus(['--what-if', 'hardware-equipment=2026-04-23:5000000', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({
        category: 'hardware-equipment',
        capId: 'hardware-2026-original',
        before: '0.0',
        afterExact: '5000000.00',
        utilisationAfter: '74.6', // 5.0 / 6.7
        headroomAfter: '1.7',
        verdict: 'fits',
      }),
    ]);
  });

  it.each([
    ['cloud-services=2026-04-23', 'should be CATEGORY=YYYY-MM-DD:AMOUNT'],
    ['nope=2026-04-23:1', 'unknown category "nope"'],
    ['cloud-services=2026-02-30:1', 'is not a valid date'],
    ['cloud-services=2026-04-23:1.234', 'is not an amount'],
  ])('%s is a usage error (exit 2)', (arg, msg) => {
    const r = runStatus(['--what-if', arg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
  });
});

describe('status --approve is validated', () => {
  it.each([
    [
      'agm-2026-cloud-services=2026-01-01',
      'before the cap it decides (cloud-2027-revised) was announced on 2026-04-23',
    ],
    ['agm-2026-cloud-services=2026-05-01', 'before the meeting date 2026-06-30'],
  ])('--approve %s exits 2', (arg, msg) => {
    const r = runStatus(['--as-of', '2026-07-15', '--approve', arg]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(msg);
  });

  it('on the meeting date it is accepted and the revised 4,000.0 binds', () => {
    const r = runStatus(['--as-of', '2026-07-15', '--approve', 'agm-2026-cloud-services=2026-06-30', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ bindingCap: '4000.0', meetingPrompt: null });
  });
});
