import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../src/domain/dates';
import {
  axisDomain,
  cumulativeSeries,
  monthTickLabel,
  periodSeries,
  plotMillions,
  shortDateLabel,
  shortPeriodLabel,
  ytdComparison,
} from '../../../src/domain/series';
import { approved, ctx, ledgerOf, m, mil, rejected, RES_CLOUD, RES_HARDWARE } from './fixtures';

const row = (s: ReturnType<typeof periodSeries>, key: string) => {
  const r = s.rows.find((x) => x.key === key);
  if (!r) throw new Error(`no row ${key}; rows: ${s.rows.map((x) => x.key).join(', ')}`);
  return r;
};
const money = (x: bigint | null | undefined) => (x === null || x === undefined ? null : mil(x as never));

describe('axisDomain', () => {
  it.each([
    // largest amount → axis max, step: always above every cap, on a nice step
    [['2,309.8', '3,138.3', '4,000.0', '6,000.0'], 8000, 2000],
    [['41.0', '82.0', '150.0'], 200, 50],
    [['6.7', '33.5', '1,000.0', '1,500.0'], 2000, 500],
    [['20.0', '50.0'], 60, 20],
    [['2,309.8', '2,255.2'], 2500, 500],
    [['0.5'], 0.6, 0.2],
  ])('%j → max %d step %d', (amounts, max, step) => {
    const d = axisDomain(amounts.map((a) => m(a)));
    expect(d.max).toBe(max);
    expect(d.step).toBe(step);
    expect(d.ticks[0]).toBe(0);
    expect(d.ticks[d.ticks.length - 1]).toBe(max);
    // The largest amount × 1.08 fits below the top.
    const top = Math.max(...amounts.map((a) => Number(a.replace(/,/g, ''))));
    expect(top * 1.08).toBeLessThanOrEqual(max);
  });

  it('keeps a cap that sits just under a step boundary off the top edge', () => {
    // 4,000.0 × 1.08 = 4,320 → 5,000 (not 4,000, which would put the cap line on the frame).
    expect(axisDomain([m('4,000.0')]).max).toBe(5000);
  });

  it('gives a unit axis when there is nothing to show, ignoring nulls', () => {
    expect(axisDomain([null, undefined, m('0.0')])).toEqual({ max: 1, step: 0.2, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });
});

describe('labels', () => {
  it('labels calendar years by the year and other periods by both inclusive ends', () => {
    expect(shortPeriodLabel({ start: '2025-01-01', end: '2025-12-31' })).toBe('2025');
    expect(shortPeriodLabel({ start: '2025-07-29', end: '2025-12-31' })).toBe('Jul 29 – Dec 31, 2025');
    expect(shortPeriodLabel({ start: '2025-07-29', end: '2026-07-28' })).toBe('Jul 29, 2025 – Jul 28, 2026');
    expect(shortPeriodLabel({ start: '2026-01-01', end: '2026-12-31' }, 'zh')).toBe('2026年');
    expect(shortPeriodLabel({ start: '2026-01-01', end: '2026-07-28' }, 'zh')).toBe('2026年1月1日至7月28日');
    expect(monthTickLabel('2026-01-01')).toBe('Jan 2026');
    expect(shortDateLabel('2026-09-03')).toBe('Sep 3, 2026');
    expect(shortDateLabel('2026-09-03', 'zh')).toBe('2026年9月3日');
    expect(monthTickLabel('2026-04-01')).toBe('Apr');
    expect(monthTickLabel('2026-04-01', 'zh')).toBe('4月');
  });
});

describe('periodSeries', () => {
  it('cloud services on the announcement date: 2025 used 97.6%, 2026 binds the original 3,138.3 with 4,000.0 awaiting', () => {
    const s = periodSeries(ctx(), 'cloud-services', '2026-04-23');
    expect(s.rows.map((r) => r.key)).toEqual(['cloud-2025-original', 'cloud-2026-original', 'cloud-2027-original']);

    const y2025 = row(s, 'cloud-2025-original');
    expect(y2025.timing).toBe('past');
    expect(money(y2025.actual)).toBe('2255.2');
    expect(y2025.audited).toBe(true);
    expect(money(y2025.binding?.amount)).toBe('2309.8');
    expect(y2025.utilisation?.times(100).toFixed(1)).toBe('97.6');
    expect(money(y2025.threshold)).toBe('1847.8'); // 80% of 2,309.8 = 1,847.84
    expect(y2025.revised).toBeNull();

    const y2026 = row(s, 'cloud-2026-original');
    expect(y2026.timing).toBe('current');
    expect(money(y2026.actual)).toBe('749.1');
    expect(y2026.actualThrough).toBe('2026-04-23');
    expect(y2026.actualBasis).toBe('disclosed');
    expect(money(y2026.original?.amount)).toBe('3138.3');
    expect(money(y2026.revised?.amount)).toBe('4000.0');
    expect(y2026.revised?.standing).toBe('awaiting-approval');
    expect(y2026.binding?.id).toBe('cloud-2026-original');
    expect(money(y2026.threshold)).toBe('2510.6'); // 80% of 3,138.3 = 2,510.64
    expect(y2026.utilisation?.times(100).toFixed(1)).toBe('23.9');
    // Plot numbers are the same figures in millions.
    expect([y2026.actualM, y2026.originalM, y2026.revisedM, y2026.bindingM, y2026.thresholdM]).toEqual([
      749.1, 3138.3, 4000, 3138.3, 2510.64,
    ]);

    const y2027 = row(s, 'cloud-2027-original');
    expect(y2027.timing).toBe('future');
    expect(y2027.actual).toBeNull();
    expect(y2027.original?.standing).toBe('effective');
    expect(money(y2027.revised?.amount)).toBe('6000.0');
    expect(y2027.binding?.id).toBe('cloud-2027-original');
    // The axis shows the largest cap, 6,000.0.
    expect(s.domain.max).toBe(8000);
  });

  it('an approval recorded at the AGM moves the binding cap of 2026 and 2027 only from the as-of date on', () => {
    const c = ctx({ approvals: [approved(RES_CLOUD, '2026-06-30')] });
    const before = periodSeries(c, 'cloud-services', '2026-06-29');
    expect(row(before, 'cloud-2026-original').binding?.id).toBe('cloud-2026-original');
    expect(row(before, 'cloud-2026-original').revised?.standing).toBe('awaiting-approval');
    const after = periodSeries(c, 'cloud-services', '2026-06-30');
    expect(row(after, 'cloud-2026-original').binding?.id).toBe('cloud-2026-revised');
    expect(money(row(after, 'cloud-2026-original').threshold)).toBe('3200.0');
    expect(row(after, 'cloud-2026-original').revised?.standing).toBe('effective');
    expect(row(after, 'cloud-2027-original').binding?.id).toBe('cloud-2027-revised');
    // A past period keeps the cap that bound at its end.
    expect(row(after, 'cloud-2025-original').binding?.id).toBe('cloud-2025-original');
  });

  it('a rejected revision leaves the original binding and shows as rejected', () => {
    const s = periodSeries(ctx({ approvals: [rejected(RES_CLOUD, '2026-06-30')] }), 'cloud-services', '2026-07-01');
    expect(row(s, 'cloud-2026-original').binding?.id).toBe('cloud-2026-original');
    expect(row(s, 'cloud-2026-original').revised?.standing).toBe('rejected');
  });

  it('hides revisions not yet announced on the as-of date', () => {
    const s = periodSeries(ctx(), 'cloud-services', '2025-12-31');
    expect(row(s, 'cloud-2026-original').revised).toBeNull();
    expect(row(s, 'cloud-2025-original').timing).toBe('current');
    expect(s.domain.max).toBe(5000); // 4,035.1 is the largest cap known then
    // API services had no cap at all before the supplemental agreement.
    expect(periodSeries(ctx(), 'api-services', '2025-12-31').rows).toEqual([]);
  });

  it('hardware: the 2026 revision sits with the 6.7 cap it replaces; after July 28 no cap binds until approval', () => {
    const s = periodSeries(ctx(), 'hardware-equipment', '2026-04-23');
    const y2026 = row(s, 'hardware-2026-original');
    expect(y2026.periods).toEqual([
      { start: '2026-01-01', end: '2026-07-28' },
      { start: '2026-01-01', end: '2026-12-31' },
    ]);
    expect(y2026.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(money(y2026.actual)).toBe('0.0');
    expect(money(y2026.binding?.amount)).toBe('6.7');
    expect(money(y2026.revised?.amount)).toBe('1000.0');
    expect(row(s, 'hardware-2027-new').original).toBeNull();
    expect(money(row(s, 'hardware-2027-new').revised?.amount)).toBe('1500.0');

    const sep = periodSeries(ctx(), 'hardware-equipment', '2026-09-01');
    expect(row(sep, 'hardware-2026-original').binding).toBeNull();
    expect(row(sep, 'hardware-2026-original').threshold).toBeNull();

    const approvedSep = periodSeries(
      ctx({ approvals: [approved(RES_HARDWARE, '2026-06-30')] }),
      'hardware-equipment',
      '2026-09-01',
    );
    expect(money(row(approvedSep, 'hardware-2026-original').binding?.amount)).toBe('1000.0');
  });

  it('IDC: the exempt revision to 100.0 binds from its announcement date', () => {
    expect(row(periodSeries(ctx(), 'idc-services', '2026-04-22'), 'idc-2026-original').binding?.id).toBe(
      'idc-2026-original',
    );
    const s = periodSeries(ctx(), 'idc-services', '2026-04-23');
    expect(row(s, 'idc-2026-original').binding?.id).toBe('idc-2026-revised');
    expect(row(s, 'idc-2026-original').utilisation?.times(100).toFixed(1)).toBe('14.1');
    expect(row(s, 'idc-2025-original').periods).toEqual([{ start: '2025-07-29', end: '2025-12-31' }]);
  });

  it('follows the configured threshold', () => {
    const s = periodSeries(ctx({ threshold: '90' }), 'cloud-services', '2026-04-23');
    expect(money(row(s, 'cloud-2026-original').threshold)).toBe('2824.5'); // 90% of 3,138.3 = 2,824.47
  });
});

describe('cumulativeSeries', () => {
  it('cloud 2026, seasonal: known to April 23, then projected to 4,090.5 crossing 80% on September 3', () => {
    const s = cumulativeSeries(ctx(), 'cloud-services', '2026-04-23', 'seasonal')!;
    expect(s.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(s.through).toBe('2026-04-23');
    const known = s.points.filter((p) => p.actual !== null).map((p) => [p.date, money(p.actual)]);
    expect(known).toEqual([
      ['2025-12-31', '0.0'],
      ['2026-04-23', '749.1'],
    ]);
    const projected = s.points.filter((p) => p.projected !== null);
    // The projection joins the last known point, then every month end to the period end.
    expect(projected.map((p) => p.date)).toEqual([
      '2026-04-23',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
    ]);
    expect(money(projected[0]!.projected)).toBe('749.1');
    expect(money(projected[projected.length - 1]!.projected)).toBe('4090.5'); // 749.1 × 2,255.2 ÷ 413.0
    expect(money(s.periodEnd)).toBe('4090.5');
    // Non-decreasing.
    for (let i = 1; i < projected.length; i++)
      expect(projected[i]!.projected! >= projected[i - 1]!.projected!).toBe(true);
    expect(money(s.binding?.amount)).toBe('3138.3');
    expect(money(s.proposed?.amount)).toBe('4000.0');
    expect(s.threshold?.of).toBe('binding');
    expect(money(s.threshold?.amount)).toBe('2510.6');
    expect(s.crossings?.threshold).toMatchObject({ state: 'projected', date: '2026-09-03' });
    expect(s.crossings?.cap).toMatchObject({ state: 'projected', date: '2026-10-21' });
    expect(s.xDomain).toEqual([toDayNumber('2025-12-31'), toDayNumber('2026-12-31')]);
    expect(s.monthTicks).toHaveLength(12);
    expect(s.domain.max).toBe(5000); // shows 4,090.5 and the proposed 4,000.0
  });

  it('cloud 2026, linear: 749.1 over 113 days carried to 365 days ≈ 2,419.7, below the threshold', () => {
    const s = cumulativeSeries(ctx(), 'cloud-services', '2026-04-23', 'linear')!;
    expect(money(s.periodEnd)).toBe('2419.7');
    expect(s.crossings?.threshold.state).toBe('not-reached');
    expect(s.domain.max).toBe(5000);
  });

  it('cloud 2025 at its end: all known, threshold reached, no projection drawn', () => {
    const s = cumulativeSeries(ctx(), 'cloud-services', '2025-12-31', 'seasonal')!;
    expect(s.points.map((p) => [p.date, money(p.actual), p.projected])).toEqual([
      ['2024-12-31', '0.0', null],
      ['2025-04-23', '413.0', null],
      ['2025-12-31', '2255.2', null],
    ]);
    expect(s.crossings?.threshold).toMatchObject({ state: 'reached', date: '2025-12-31' });
    expect(s.crossings?.cap.state).toBe('not-reached');
  });

  it('hardware on the announcement date: the 6.7 period is charted; the whole-year 1,000.0 is named, not drawn', () => {
    const s = cumulativeSeries(ctx(), 'hardware-equipment', '2026-04-23', 'linear')!;
    expect(s.period).toEqual({ start: '2026-01-01', end: '2026-07-28' });
    expect(money(s.binding?.amount)).toBe('6.7');
    expect(s.proposed).toBeNull();
    expect(money(s.proposedOtherPeriod?.amount)).toBe('1000.0');
    expect(s.proposedOtherPeriod?.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(money(s.threshold?.amount)).toBe('5.4'); // 80% of 6.7 = 5.36
    // The axis is sized to this period's cap, so 6.7 is visible.
    expect(s.domain.max).toBe(8);
    expect(s.monthTicks.map((t) => t.date)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
    ]);
  });

  it('a period starting on April 23 drops its first tick, too close to May 1', () => {
    const s = cumulativeSeries(ctx(), 'api-services', '2026-05-01', 'linear')!;
    expect(s.monthTicks[0]!.date).toBe('2026-05-01');
    expect(s.xDomain[0]).toBe(toDayNumber('2026-04-22'));
  });

  it('hardware after July 28, 2026: no binding cap, the threshold is that of the proposed 1,000.0', () => {
    const s = cumulativeSeries(ctx(), 'hardware-equipment', '2026-09-01', 'linear')!;
    expect(s.binding).toBeNull();
    expect(money(s.proposed?.amount)).toBe('1000.0');
    expect(s.threshold).toMatchObject({ of: 'proposed' });
    expect(money(s.threshold?.amount)).toBe('800.0');
    expect(s.proposedOtherPeriod).toBeNull();
  });

  it('API services before any transaction: no projection, reason given', () => {
    const s = cumulativeSeries(ctx(), 'api-services', '2026-05-01', 'seasonal')!;
    expect(s.unavailable).toBe('no-actuals');
    expect(s.points.map((p) => p.date)).toEqual(['2026-04-22']);
    expect(cumulativeSeries(ctx(), 'api-services', '2025-12-31', 'seasonal')).toBeNull();
  });

  it('adds ledger days after the disclosure and thins a long ledger to one point per month', () => {
    const rows: [string, string][] = [];
    for (let d = 24; d <= 30; d++) rows.push([`2026-04-${d}`, '1.0']);
    for (let mo = 5; mo <= 8; mo++)
      for (let d = 1; d <= 28; d++) rows.push([`2026-0${mo}-${String(d).padStart(2, '0')}`, '2.0']);
    const s = cumulativeSeries(
      ctx({ ledger: ledgerOf({ 'cloud-services': rows }) }),
      'cloud-services',
      '2026-08-31',
      'linear',
    )!;
    const known = s.points.filter((p) => p.actual !== null);
    expect(known.map((p) => p.date)).toEqual([
      '2025-12-31',
      '2026-04-23',
      '2026-04-30',
      '2026-05-28',
      '2026-06-28',
      '2026-07-28',
      '2026-08-28',
    ]);
    // 749.1 + 7 × 1.0 + 4 × 28 × 2.0 = 980.1
    expect(money(known[known.length - 1]!.actual)).toBe('980.1');
    expect(s.through).toBe('2026-08-28');
  });
});

describe('ytdComparison', () => {
  it('cloud on April 23, 2026: +81.4% year to date and +77.0% for 2025 over 2024', () => {
    const y = ytdComparison(ctx(), 'cloud-services', '2026-04-23');
    expect(
      y.bars.map((b) => [
        b.key,
        b.span.start,
        b.span.end,
        money(b.current),
        money(b.prior),
        b.rate?.times(100).toFixed(1),
      ]),
    ).toEqual([
      ['ytd', '2026-01-01', '2026-04-23', '749.1', '413.0', '81.4'],
      ['yoy', '2025-01-01', '2025-12-31', '2255.2', '1273.8', '77.0'],
    ]);
    expect(y.bars[0]!.priorSpan).toEqual({ start: '2025-01-01', end: '2025-04-23' });
    expect(y.months).toEqual([]);
    expect(y.domain.max).toBe(2500);
  });

  it('at the end of 2025 the year to date is the full year, shown once', () => {
    const y = ytdComparison(ctx(), 'cloud-services', '2025-12-31');
    expect(y.bars.map((b) => [b.key, b.rate?.times(100).toFixed(1)])).toEqual([['ytd', '77.0']]);
  });

  it('is empty (n/a) for a category with no prior-year span', () => {
    const y = ytdComparison(ctx(), 'idc-services', '2026-04-23');
    expect(y.ytd).toBeNull();
    expect(y.bars).toEqual([]);
  });

  it('with a ledger covering both years: month-end cumulative this year against last year', () => {
    const ledger = ledgerOf(
      {
        'idc-services': [
          ['2025-01-15', '3.0'],
          ['2025-02-15', '3.0'],
          ['2025-03-15', '3.0'],
          ['2026-01-15', '4.0'],
          ['2026-02-15', '5.0'],
          ['2026-03-15', '6.0'],
        ],
      },
      ['idc-services'],
    );
    // A complete ledger covers every day: cap periods of 2026 compare with the same span of 2025.
    const y = ytdComparison(ctx({ ledger }), 'idc-services', '2026-03-31');
    expect(y.ytd && [money(y.ytd.current), money(y.ytd.prior)]).toEqual(['15.0', '9.0']);
    expect(y.months.map((mo) => [mo.date, money(mo.current), money(mo.prior)])).toEqual([
      ['2026-01-31', '4.0', '3.0'],
      ['2026-02-28', '9.0', '6.0'],
      ['2026-03-31', '15.0', '9.0'],
    ]);
  });
});

describe('plotMillions', () => {
  it('is only a plotting conversion of exact money', () => {
    expect(plotMillions(m('2,309.8'))).toBe(2309.8);
    expect(plotMillions(null)).toBeNull();
  });
});
