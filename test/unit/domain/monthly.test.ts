/**
 * The monthly finance report: real figures from the announcement, and ledgers
 * whose monthly totals are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { percentString } from '../../../src/domain/format';
import { monthlyReport, monthlyReports } from '../../../src/domain/monthly';
import { approved, ctx, ledgerOf, mil, RES_CLOUD } from './fixtures';

const fig = (m: bigint | null) => (m === null ? null : mil(m as never));

describe('monthly report from the disclosures alone', () => {
  const r = monthlyReport(ctx(), 'cloud-services', '2025-12-31');

  it('lists every month of the 2025 cloud period, Jan through Dec', () => {
    expect(r.period).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(r.rows.map((x) => x.month)).toEqual([
      '2025-01-01',
      '2025-02-01',
      '2025-03-01',
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
    ]);
    expect(r.basis).toBe('disclosed');
  });

  it('knows the cumulative only at snapshot dates and says "no data" in between', () => {
    const known = r.rows.filter((x) => x.cumulative !== null).map((x) => [x.month, x.cumulativeAt, fig(x.cumulative)]);
    // 413.0 for January 1 – April 23, 2025 (the comparative) and 2,255.2 for the full year (audited).
    expect(known).toEqual([
      ['2025-04-01', '2025-04-23', '413.0'],
      ['2025-12-01', '2025-12-31', '2255.2'],
    ]);
    for (const month of ['2025-01-01', '2025-05-01', '2025-11-01']) {
      const row = r.rows.find((x) => x.month === month)!;
      expect(row.amountBasis).toBe('none');
      expect(row.amount).toBeNull();
      expect(row.utilisation).toBeNull();
    }
  });

  it('gives amounts only over the spans they are known for, never spread over months', () => {
    const apr = r.rows[3]!;
    expect(apr.amountBasis).toBe('since-last-known');
    expect(apr.amountSpan).toEqual({ start: '2025-01-01', end: '2025-04-23' });
    expect(fig(apr.amount)).toBe('413.0');
    const dec = r.rows[11]!;
    // 2,255.2 − 413.0 = 1,842.2 over April 24 – December 31.
    expect(dec.amountSpan).toEqual({ start: '2025-04-24', end: '2025-12-31' });
    expect(fig(dec.amount)).toBe('1842.2');
  });

  it('reports 97.6% of the 2,309.8 cap in December and cannot name the month the 80% threshold was crossed', () => {
    const dec = r.rows[11]!;
    expect(dec.bindingCap?.id).toBe('cloud-2025-original');
    expect(percentString(dec.utilisation)).toBe('97.6');
    expect(dec.alert).toBe('threshold');
    // 80% of 2,309.8 = 1,847.84: below on April 23 (413.0), above on December 31 (2,255.2).
    expect(r.thresholdCrossing.state).toBe('between');
    expect(r.thresholdCrossing.rowIndex).toBe(11);
    expect(r.thresholdCrossing.lastBelow?.date).toBe('2025-04-23');
    expect(r.thresholdCrossing.firstReached?.date).toBe('2025-12-31');
    expect(dec.thresholdCrossedHere).toBe(true);
    expect(r.rows.filter((x) => x.thresholdCrossedHere)).toHaveLength(1);
    expect(r.capCrossing.state).toBe('not-reached');
  });

  it('clips a non-calendar period: hardware July 29 – December 31, 2025 starts with a partial July at 88.4%', () => {
    const hw = monthlyReport(ctx(), 'hardware-equipment', '2025-12-31');
    expect(hw.rows).toHaveLength(6);
    expect(hw.rows[0]!.span).toEqual({ start: '2025-07-29', end: '2025-07-31' });
    expect(hw.rows[0]!.partial).toBe(true);
    expect(hw.rows[1]!.partial).toBe(false);
    // 29.6 ÷ 33.5 = 88.36%.
    expect(percentString(hw.rows[5]!.utilisation)).toBe('88.4');
    expect(hw.thresholdCrossing.state).toBe('between');
    expect(hw.thresholdCrossing.lastBelow?.date).toBe('2025-07-28');
  });

  it('stops at the as-of month and clips it to the as-of date', () => {
    const mid = monthlyReport(ctx(), 'cloud-services', '2026-06-15');
    expect(mid.rows.map((x) => x.month)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
    ]);
    expect(mid.rows[5]!.span).toEqual({ start: '2026-06-01', end: '2026-06-15' });
    expect(mid.rows[5]!.partial).toBe(true);
    // 749.1 up to April 23, 2026 against the 3,138.3 cap still binding (no approval recorded).
    expect(fig(mid.rows[3]!.cumulative)).toBe('749.1');
    expect(percentString(mid.rows[3]!.utilisation)).toBe('23.9');
  });

  it('has no rows where no cap period contains the date (API services before its term)', () => {
    const api = monthlyReport(ctx(), 'api-services', '2025-12-31');
    expect(api.period).toBeNull();
    expect(api.rows).toEqual([]);
    expect(api.basis).toBe('none');
  });

  it('covers every category of the dataset', () => {
    expect(monthlyReports(ctx(), '2026-06-30').map((x) => x.category.id)).toEqual([
      'cloud-services',
      'idc-services',
      'hardware-equipment',
      'api-services',
    ]);
  });
});

describe('monthly report with a ledger', () => {
  it('gives real monthly figures from a complete ledger and the exact month the threshold was crossed', () => {
    // IDC 2026 kept complete in the ledger: 20 + 20 + 30 = 70 by March 31, 80% of the
    // original 82.0 cap (still binding before the exempt revision of April 23) is 65.6.
    const led = ledgerOf(
      {
        'idc-services': [
          ['2026-01-10', '20'],
          ['2026-02-10', '20'],
          ['2026-03-10', '30'],
          ['2026-04-28', '5'],
        ],
      },
      ['idc-services'],
    );
    const r = monthlyReport(ctx({ ledger: led }), 'idc-services', '2026-05-31');
    expect(r.basis).toBe('ledger');
    expect(r.rows.map((x) => [x.amountBasis, fig(x.amount), fig(x.cumulative), x.cumulativeAt])).toEqual([
      ['month', '20.0', '20.0', '2026-01-31'],
      ['month', '20.0', '40.0', '2026-02-28'],
      ['month', '30.0', '70.0', '2026-03-31'],
      ['month', '5.0', '75.0', '2026-04-30'],
      ['month', '0.0', '75.0', '2026-05-31'],
    ]);
    expect(r.thresholdCrossing).toMatchObject({ state: 'in-month', rowIndex: 2 });
    expect(r.rows[2]!.bindingCap?.id).toBe('idc-2026-original');
    expect(percentString(r.rows[2]!.utilisation)).toBe('85.4'); // 70 ÷ 82
    // From April 23 the exempt revision to 100.0 binds: 75 ÷ 100 is below the threshold again.
    expect(r.rows[3]!.bindingCap?.id).toBe('idc-2026-revised');
    expect(percentString(r.rows[3]!.utilisation)).toBe('75.0');
    expect(r.rows[3]!.alert).toBe('ok');
  });

  it('adds ledger rows after the disclosed April 23 snapshot and keeps earlier months honest', () => {
    const led = ledgerOf({
      'cloud-services': [
        ['2026-04-30', '100'],
        ['2026-05-15', '900'],
        ['2026-06-10', '300'],
      ],
    });
    const r = monthlyReport(ctx({ ledger: led }), 'cloud-services', '2026-06-30');
    expect(r.basis).toBe('disclosed+ledger');
    // January–March: the ledger starts April 30 and no snapshot ends in them.
    expect(r.rows.slice(0, 3).every((x) => x.amountBasis === 'none')).toBe(true);
    // April: 749.1 disclosed to April 23 + 100 on April 30, known since January 1.
    expect(r.rows[3]).toMatchObject({ amountBasis: 'since-last-known', cumulativeAt: '2026-04-30' });
    expect(fig(r.rows[3]!.cumulative)).toBe('849.1');
    expect([fig(r.rows[4]!.amount), fig(r.rows[4]!.cumulative), r.rows[4]!.amountBasis]).toEqual([
      '900.0',
      '1749.1',
      'month',
    ]);
    // June: the ledger's last entry is June 10, so the cumulative is known on that day, not June 30.
    expect(r.rows[5]!.cumulativeAt).toBe('2026-06-10');
    expect(fig(r.rows[5]!.cumulative)).toBe('2049.1');
    expect(percentString(r.rows[5]!.utilisation)).toBe('65.3'); // 2,049.1 ÷ 3,138.3
    expect(r.thresholdCrossing.state).toBe('not-reached');
  });

  it('measures against the approved revised cap once the AGM approval is recorded', () => {
    const led = ledgerOf({
      'cloud-services': [
        ['2026-04-28', '0.5'],
        ['2026-05-15', '2000'],
        ['2026-06-30', '600'],
      ],
    });
    const r = monthlyReport(
      ctx({ ledger: led, approvals: [approved(RES_CLOUD, '2026-06-30')] }),
      'cloud-services',
      '2026-06-30',
    );
    // May 31: 2,749.6 against 3,138.3 (87.6%, at the threshold; 749.6 on April 30, so crossed in May).
    expect(r.rows[4]!.bindingCap?.id).toBe('cloud-2026-original');
    expect(percentString(r.rows[4]!.utilisation)).toBe('87.6');
    expect(r.thresholdCrossing).toMatchObject({ state: 'in-month', rowIndex: 4 });
    // June 30: 3,349.6 against the approved 4,000.0 (83.7%); under the old cap it would have exceeded.
    expect(r.rows[5]!.bindingCap?.id).toBe('cloud-2026-revised');
    expect(percentString(r.rows[5]!.utilisation)).toBe('83.7');
    expect(r.capCrossing.state).toBe('not-reached');
  });

  it('cannot name the crossing month when the ledger starts after a gap following the snapshot', () => {
    // Disclosed to April 23 (749.1); the ledger's first entry is May 15: April 24–30 is unknown.
    const led = ledgerOf({ 'cloud-services': [['2026-05-15', '2000']] });
    const r = monthlyReport(ctx({ ledger: led }), 'cloud-services', '2026-05-31');
    expect(r.thresholdCrossing).toMatchObject({ state: 'between', rowIndex: 4 });
    expect(r.thresholdCrossing.lastBelow?.date).toBe('2026-04-23');
    expect(r.thresholdCrossing.firstReached?.date).toBe('2026-05-15');
  });

  it('treats a month without rows as zero while the ledger is kept past it, and stops where the ledger stops', () => {
    // API services from April 23, 2026 (cap 20.0; 80% = 16.0); no disclosed history.
    // The ledger is closed through June 3 (without a close nothing would be known).
    const led = ledgerOf(
      {
        'api-services': [
          ['2026-04-25', '5'],
          ['2026-06-03', '12'],
        ],
      },
      [],
      { 'api-services': '2026-06-03' },
    );
    const r = monthlyReport(ctx({ ledger: led }), 'api-services', '2026-07-15');
    expect(r.rows.map((x) => [x.span.start, x.amountBasis, fig(x.amount), fig(x.cumulative), x.cumulativeAt])).toEqual([
      ['2026-04-23', 'month', '5.0', '5.0', '2026-04-30'],
      ['2026-05-01', 'month', '0.0', '5.0', '2026-05-31'],
      ['2026-06-01', 'month', '12.0', '17.0', '2026-06-03'],
      ['2026-07-01', 'none', null, null, null],
    ]);
    expect(r.thresholdCrossing).toMatchObject({ state: 'in-month', rowIndex: 2 });
    expect(r.capCrossing.state).toBe('not-reached');
  });

  it('marks the month the cap was exceeded', () => {
    // Hardware 2026 before any approval: the original 6.7 cap for January 1 – July 28 binds.
    const led = ledgerOf(
      {
        'hardware-equipment': [
          ['2026-05-10', '5'],
          ['2026-06-12', '2'],
        ],
      },
      ['hardware-equipment'],
    );
    const r = monthlyReport(ctx({ ledger: led }), 'hardware-equipment', '2026-06-30');
    expect(r.period).toEqual({ start: '2026-01-01', end: '2026-07-28' });
    expect(r.thresholdCrossing).toMatchObject({ state: 'in-month', rowIndex: 5 }); // 7.0 ≥ 5.36 in June (5.0 < 5.36 in May)
    expect(r.capCrossing).toMatchObject({ state: 'in-month', rowIndex: 5 }); // 7.0 > 6.7
    expect(r.rows[5]!.capExceededHere).toBe(true);
    expect(r.rows[5]!.alert).toBe('exceeded');
  });
});

describe('monthly report: known through and provisional', () => {
  const rows = {
    'cloud-services': [
      ['2026-05-20', '100.0'],
      ['2026-06-10', '50.5'],
    ] as const,
  };
  it.each([
    // close, known through, provisional, June cumulative, June cumulative provisional (after the known day)
    [null, '2026-04-23', true, '899.6'],
    ['2026-05-31', '2026-05-31', true, '899.6'],
    ['2026-06-30', '2026-06-30', false, '899.6'],
  ] as const)('close %s → known through %s, provisional %s', (close, through, provisional, june) => {
    const r = monthlyReport(
      ctx({ ledger: ledgerOf(rows, [], close ? { 'cloud-services': close } : {}) }),
      'cloud-services',
      '2026-06-30',
    );
    expect([r.knownThrough, r.provisional]).toEqual([through, provisional]);
    const juneRow = r.rows.find((x) => x.month.startsWith('2026-06'))!;
    expect(mil(juneRow.cumulative!)).toBe(june);
    // The June cumulative is at June 30 (the ledger keeps to its last row) — after the known day unless closed then.
    expect(juneRow.cumulativeAt! > r.knownThrough!).toBe(provisional);
  });

  it('API services in 2026: nothing known', () => {
    const r = monthlyReport(ctx(), 'api-services', '2026-06-30');
    expect([r.knownThrough, r.provisional]).toEqual([null, false]);
  });
});
