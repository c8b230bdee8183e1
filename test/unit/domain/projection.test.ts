import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { addDays, daysInclusive, toDayNumber } from '../../../src/domain/dates';
import { categoryStatus, type ProjectionSummary } from '../../../src/domain/engine';
import { money, type Money } from '../../../src/domain/money';
import { capForBuffer, crossing, project, type Projection, thresholdAmount } from '../../../src/domain/projection';
import { approved, ctx, ds, ledgerOf, m, mil, RES_HARDWARE } from './fixtures';

const YEAR_2026 = { start: '2026-01-01', end: '2026-12-31' };
const amountOf = (id: string): bigint => ds.historicals.find((h) => h.id === id)!.amount;

/** a × b ÷ c rounded half-up to the fen, in bigint (positive operands). */
const mulDivHalfUp = (a: bigint, b: bigint, c: bigint): bigint => (a * b * 2n + c) / (2n * c);

/** The crossing day is the first day the projected curve is at or above the target. */
function expectFirstDayAtOrAbove(p: Projection, target: Money, date: string) {
  expect(p.cumulativeAt(date) >= target).toBe(true);
  expect(p.cumulativeAt(addDays(date, -1)) < target).toBe(true);
}

describe('cloud services 2026, as of April 23, 2026', () => {
  const ytd = amountOf('cloud-2026-ytd'); // 749.1
  const full2025 = amountOf('cloud-2025-full'); // 2,255.2
  const same2025 = amountOf('cloud-2025-ytd-apr23'); // 413.0

  it('linear run-rate: 749.1 × 365 / 113 = 2,419.7', () => {
    const p = project({
      dataset: ds,
      categoryId: 'cloud-services',
      period: YEAR_2026,
      asOf: '2026-04-23',
      method: 'linear',
    });
    expect(daysInclusive({ start: '2026-01-01', end: '2026-04-23' })).toBe(113);
    expect(p.periodEnd).toBe(mulDivHalfUp(ytd, 365n, 113n));
    expect(mil(p.periodEnd)).toBe('2419.7');
    expect(p.through).toBe('2026-04-23');
    expect(p.actual).toBe(ytd);
    expect(p.unavailable).toBeUndefined();
  });

  it("seasonal: 749.1 × 2,255.2 / 413.0 = 4,090.5 (year-to-date scaled by last year's full ÷ same span)", () => {
    const p = project({
      dataset: ds,
      categoryId: 'cloud-services',
      period: YEAR_2026,
      asOf: '2026-04-23',
      method: 'seasonal',
    });
    expect(p.periodEnd).toBe(mulDivHalfUp(ytd, full2025, same2025));
    expect(mil(p.periodEnd)).toBe('4090.5');
  });

  it('the curve passes through the known points and ends at the projection', () => {
    for (const method of ['linear', 'seasonal'] as const) {
      const p = project({ dataset: ds, categoryId: 'cloud-services', period: YEAR_2026, asOf: '2026-04-23', method });
      expect(p.cumulativeAt('2025-12-31')).toBe(0n);
      expect(p.cumulativeAt('2026-04-23')).toBe(ytd);
      expect(p.cumulativeAt('2026-12-31')).toBe(p.periodEnd);
      expect(p.knownPoints.map((k) => k.date)).toEqual(['2025-12-31', '2026-04-23']);
      // Non-decreasing day by day (the crossing search relies on it).
      let prev = 0n;
      for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
        const v = p.cumulativeAt(d);
        expect(v >= prev).toBe(true);
        prev = v;
      }
    }
  });

  function summaries(): { linear: ProjectionSummary; seasonal: ProjectionSummary } {
    const s = categoryStatus(ctx(), 'cloud-services', '2026-04-23');
    const by = Object.fromEntries(s.projections.map((p) => [p.projection.method, p]));
    return { linear: by.linear!, seasonal: by.seasonal! };
  }

  it('linear 2,419.7 reaches neither 80% of 3,138.3 (2,510.64) nor either cap', () => {
    const { linear } = summaries();
    expect(linear.binding!.threshold).toMatchObject({ state: 'not-reached', date: null, target: m('2,510.64') });
    expect(linear.binding!.cap).toMatchObject({ state: 'not-reached', date: null });
    expect(linear.proposed!.threshold).toMatchObject({ state: 'not-reached', target: m('3,200') });
    expect(linear.proposed!.cap).toMatchObject({ state: 'not-reached' });
  });

  // After April 23 the seasonal curve follows 2025's shape; 2025 is known only at
  // April 23 (413.0) and December 31 (2,255.2), so it rises evenly over the 252 days left.
  const closedFormDate = (p: Projection, target: Money): string => {
    const k = new Decimal((target - ytd).toString())
      .div((p.periodEnd - ytd).toString())
      .times(252)
      .ceil()
      .toNumber();
    return addDays('2026-04-23', k);
  };

  it.each([
    ['binding', 'threshold', '2026-09-03'],
    ['binding', 'cap', '2026-10-21'],
    ['proposed', 'threshold', '2026-10-25'],
    ['proposed', 'cap', '2026-12-25'],
  ] as const)('seasonal: %s %s is first reached on %s', (which, kind, date) => {
    const { seasonal } = summaries();
    const c = seasonal[which]![kind];
    expect(c.state).toBe('projected');
    expect(c.date).toBe(date);
    expectFirstDayAtOrAbove(seasonal.projection, c.target, date);
    expect(closedFormDate(seasonal.projection, c.target)).toBe(date);
  });

  it('linear crossing at a 70% threshold (2,196.81 ≤ 2,419.7) on the day the run-rate reaches it', () => {
    const s = categoryStatus(ctx({ threshold: '70' }), 'cloud-services', '2026-04-23');
    const linear = s.projections.find((p) => p.projection.method === 'linear')!;
    const c = linear.binding!.threshold;
    expect(c.target).toBe(m('2,196.81'));
    expect(c.state).toBe('projected');
    expectFirstDayAtOrAbove(linear.projection, c.target, c.date!);
    expect(c.date).toBe(closedFormDate(linear.projection, c.target));
    expect(c.date).toBe('2026-11-28');
  });
});

describe('crossing', () => {
  it('already reached: the first known day at or above the target (2025 cloud cap, 80% = 1,847.84)', () => {
    const p = project({
      dataset: ds,
      categoryId: 'cloud-services',
      period: { start: '2025-01-01', end: '2025-12-31' },
      asOf: '2025-12-31',
      method: 'linear',
    });
    expect(mil(p.periodEnd)).toBe('2255.2');
    expect(crossing(p, thresholdAmount(m('2,309.8'), new Decimal('0.8')))).toMatchObject({
      state: 'reached',
      date: '2025-12-31',
    });
    expect(crossing(p, m('413.0'))).toMatchObject({ state: 'reached', date: '2025-04-23' });
    expect(crossing(p, m('2,309.8'))).toMatchObject({ state: 'not-reached', date: null });
  });

  it('equal counts as reached (inclusive)', () => {
    const p = project({
      dataset: ds,
      categoryId: 'cloud-services',
      period: YEAR_2026,
      asOf: '2026-04-23',
      method: 'linear',
    });
    expect(crossing(p, m('749.1')).state).toBe('reached');
    expect(crossing(p, p.periodEnd)).toMatchObject({ state: 'projected', date: '2026-12-31' });
    expect(crossing(p, money(p.periodEnd + 1n)).state).toBe('not-reached');
  });
});

describe('methods that cannot run say why', () => {
  it('IDC 2026 has no 2025 same-span amount: seasonal is unavailable, linear is 14.1 × 365 / 113', () => {
    const s = categoryStatus(ctx(), 'idc-services', '2026-04-23');
    const by = Object.fromEntries(s.projections.map((p) => [p.projection.method, p.projection]));
    expect(by.seasonal!.unavailable).toBe('no-prior-year');
    expect(by.seasonal!.periodEnd).toBe(m('14.1'));
    expect(by.linear!.periodEnd).toBe(mulDivHalfUp(m('14.1'), 365n, 113n));
    expect(mil(by.linear!.periodEnd)).toBe('45.5');
  });

  it('growth method: last year grown by an assumption, never below the actual', () => {
    const p = project({
      dataset: ds,
      categoryId: 'cloud-services',
      period: YEAR_2026,
      asOf: '2026-04-23',
      method: 'growth',
      growthAssumption: new Decimal('0.5'),
    });
    expect(mil(p.periodEnd)).toBe('3382.8'); // 2,255.2 × 1.5
    const none = project({
      dataset: ds,
      categoryId: 'idc-services',
      period: YEAR_2026,
      asOf: '2026-04-23',
      method: 'growth',
    });
    expect(none.unavailable).toBe('no-prior-year');
  });

  it('a finished period projects its actual', () => {
    const p = project({
      dataset: ds,
      categoryId: 'idc-services',
      period: { start: '2025-07-29', end: '2025-12-31' },
      asOf: '2026-04-23',
      method: 'linear',
    });
    expect(mil(p.periodEnd)).toBe('17.2');
    expect(p.unavailable).toBeUndefined();
  });
});

describe('partial periods and leap years', () => {
  it('linear over a leap year counts 366 days (60.0 through Feb 29, 2028 → 366.0)', () => {
    // The ledger is closed through February 29: 60.0 is known for 60 days.
    const ledger = ledgerOf({ 'cloud-services': [['2028-02-29', '60.0']] }, [], { 'cloud-services': '2028-02-29' });
    const p = project({
      dataset: ds,
      ledger,
      categoryId: 'cloud-services',
      period: { start: '2028-01-01', end: '2028-12-31' },
      asOf: '2028-03-15',
      method: 'linear',
    });
    expect(p.through).toBe('2028-02-29');
    expect(toDayNumber('2028-02-29') - toDayNumber('2028-01-01') + 1).toBe(60);
    expect(mil(p.periodEnd)).toBe('366.0');
  });

  it('linear over the non-calendar Jan 1 – Jul 28, 2026 hardware period (209 days)', () => {
    const ledger = ledgerOf({ 'hardware-equipment': [['2026-05-31', '6.04']] });
    const p = project({
      dataset: ds,
      ledger,
      categoryId: 'hardware-equipment',
      period: { start: '2026-01-01', end: '2026-07-28' },
      asOf: '2026-06-01',
      method: 'linear',
    });
    // 6.04 over 151 days → 0.04 a day → 8.36 over 209 days.
    expect(p.periodEnd).toBe(m('8.36'));
  });

  it('the proposed cap is projected over its own period (hardware: 1,000.0 for 2026, binding 6.7 to July 28)', () => {
    // 500.0 by May 31 (151 days): by July 28 the run-rate gives 692.1, by December 31 it gives 1,208.6.
    const ledger = ledgerOf({ 'hardware-equipment': [['2026-05-31', '500.0']] });
    const s = categoryStatus(ctx({ ledger }), 'hardware-equipment', '2026-06-01');
    expect(s.alert).toBe('exceeded');
    const linear = s.projections.find((p) => p.projection.method === 'linear')!;
    expect(linear.projection.period).toEqual({ start: '2026-01-01', end: '2026-07-28' });
    expect(mil(linear.projection.periodEnd)).toBe('692.1');
    expect(linear.proposedProjection.period).toEqual(YEAR_2026);
    expect(mil(linear.proposedProjection.periodEnd)).toBe('1208.6');
    expect(linear.binding!.cap).toMatchObject({ state: 'reached', date: '2026-05-31' });
    const { threshold, cap } = linear.proposed!;
    expect(threshold.state).toBe('projected');
    expect(cap.state).toBe('projected');
    expectFirstDayAtOrAbove(linear.proposedProjection, threshold.target, threshold.date!);
    expectFirstDayAtOrAbove(linear.proposedProjection, cap.target, cap.date!);
    expect(threshold.date! > '2026-07-28').toBe(true);
  });

  it('after approval the binding 1,000.0 is projected over the whole of 2026', () => {
    const ledger = ledgerOf({ 'hardware-equipment': [['2026-05-31', '500.0']] });
    const s = categoryStatus(
      ctx({ ledger, approvals: [approved(RES_HARDWARE, '2026-06-30')] }),
      'hardware-equipment',
      '2026-07-01',
    );
    const linear = s.projections.find((p) => p.projection.method === 'linear')!;
    expect(linear.projection.period).toEqual(YEAR_2026);
    expect(mil(linear.projection.periodEnd)).toBe('1208.6');
    expect(linear.binding!.cap.state).toBe('projected');
    expect(linear.proposed).toBeNull();
  });
});

describe('capForBuffer: projection × (1 + buffer), rounded up to the next 0.1 million', () => {
  it.each([
    ['2,419.7', '0.1', '2661.7'], // 2,661.67
    ['4,090.5', '0', '4090.5'],
    ['930.0', '0.075', '999.8'], // 999.75
    ['90.0', '0.111', '100.0'], // 99.99
    ['1,000.0', '0.1', '1100.0'], // exact, not bumped
    ['0.0', '0.2', '0.0'],
    ['0.01', '0', '0.1'],
  ])('%s with a %s buffer → %s', (projected, buffer, cap) => {
    expect(mil(capForBuffer(m(projected), new Decimal(buffer)))).toBe(cap);
  });

  it('rounds up even when the excess is under one fen', () => {
    // 0.90909091 million × 1.1 = 1.000000001 million: 1.0 would leave the buffer short.
    expect(mil(capForBuffer(money(90_909_091n), new Decimal('0.1')))).toBe('1.1');
  });
});
