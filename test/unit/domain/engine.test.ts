import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { alertFor, allStatuses, categoryStatus, DEFAULT_THRESHOLD, thresholdOf } from '../../../src/domain/engine';
import { percentString } from '../../../src/domain/format';
import { compareWithPriorYear, growthRate, ytdGrowth, yoyGrowth } from '../../../src/domain/growth';
import { impliedBuffer } from '../../../src/domain/projection';
import { ctx, ds, ledgerOf, m, mil } from './fixtures';

describe('alertFor: threshold inclusive, exceeded strictly above the cap', () => {
  it.each([
    // actual, cap, threshold %, state
    ['0.0', '100.0', '80', 'ok'],
    ['79.9', '100.0', '80', 'ok'],
    ['79.99999999', '100.0', '80', 'ok'],
    ['80.0', '100.0', '80', 'threshold'],
    ['99.9', '100.0', '80', 'threshold'],
    ['100.0', '100.0', '80', 'threshold'],
    ['100.00000001', '100.0', '80', 'exceeded'],
    ['2,510.64', '3,138.3', '80', 'threshold'], // exactly 80% of the 2026 cloud cap
    ['2,510.63999999', '3,138.3', '80', 'ok'],
    ['5.36', '6.7', '80', 'threshold'],
    ['5.35999999', '6.7', '80', 'ok'],
    ['89.9', '100.0', '90', 'ok'],
    ['90.0', '100.0', '90', 'threshold'],
    ['100.0', '100.0', '90', 'threshold'],
    ['100.1', '100.0', '90', 'exceeded'],
    ['50.0', '100.0', '50', 'threshold'],
    ['100.0', '100.0', '100', 'threshold'],
    ['0.1', '0.0', '80', 'exceeded'], // any amount against a zero cap
  ] as const)('%s of %s at %s%% → %s', (actual, cap, pct, state) => {
    expect(alertFor(m(actual), m(cap), new Decimal(pct).div(100))).toBe(state);
  });
});

describe('threshold settings', () => {
  it('defaults to the disclosed 80% of the internal controls', () => {
    expect(thresholdOf(ctx()).toString()).toBe('0.8');
    expect(DEFAULT_THRESHOLD.toString()).toBe('0.8');
    expect(categoryStatus(ctx(), 'cloud-services', '2026-04-23').threshold.toString()).toBe('0.8');
  });

  it('a custom threshold replaces it', () => {
    expect(thresholdOf(ctx({ threshold: '90' })).toString()).toBe('0.9');
  });
});

describe('status alert through the engine (IDC 2026: 14.1 disclosed to April 23, ledger on top, cap 100.0)', () => {
  // Ledger rows after April 23 are added to the disclosed 14.1.
  const idcAt = (extra: string, threshold?: string) =>
    categoryStatus(
      ctx({ ledger: ledgerOf({ 'idc-services': [['2026-05-15', extra]] }), ...(threshold ? { threshold } : {}) }),
      'idc-services',
      '2026-06-30',
    );

  it.each([
    ['65.8', undefined, '79.9', 'ok', '20.1'],
    ['65.9', undefined, '80.0', 'threshold', '20.0'],
    ['85.9', undefined, '100.0', 'threshold', '0.0'],
    ['86.0', undefined, '100.1', 'exceeded', '-0.1'],
    ['65.9', '90', '80.0', 'ok', '20.0'],
    ['75.9', '90', '90.0', 'threshold', '10.0'],
    ['85.9', '90', '100.0', 'threshold', '0.0'],
    ['45.9', '60', '60.0', 'threshold', '40.0'],
  ])('+%s (threshold %s%%) → actual %s: %s, headroom %s', (extra, threshold, actual, alert, headroom) => {
    const s = idcAt(extra, threshold);
    expect(mil(s.actual)).toBe(actual);
    expect(s.alert).toBe(alert);
    expect(s.binding!.alert).toBe(alert);
    expect(s.displayStatus).toBe(alert);
    expect(mil(s.binding!.headroom!)).toBe(headroom);
  });
});

describe('utilisation and headroom against binding and proposed caps', () => {
  it('cloud services on April 23, 2026', () => {
    const s = categoryStatus(ctx(), 'cloud-services', '2026-04-23');
    expect(s.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(mil(s.actual)).toBe('749.1');
    expect(s.actualThrough).toBe('2026-04-23');
    expect(s.actualBasis).toBe('disclosed');
    expect(percentString(s.binding!.utilisation)).toBe('23.9');
    expect(mil(s.binding!.headroom!)).toBe('2389.2');
    expect(mil(s.binding!.thresholdAmount)).toBe('2510.6');
    expect(s.binding!.thresholdAmount).toBe(m('2,510.64'));
    expect(percentString(s.proposed!.utilisation)).toBe('18.7');
    expect(mil(s.proposed!.headroom!)).toBe('3250.9');
    expect(s.proposed!.thresholdAmount).toBe(m('3,200'));
    expect(s.alert).toBe('ok');
    expect(s.displayStatus).toBe('awaiting-approval');
    expect(s.proposedResolution?.meetingDate).toBe('2026-06-30');
  });

  it.each([
    ['idc-services', '100.0', null, '14.1', '14.1', '85.9', 'ok'],
    ['hardware-equipment', '6.7', '1000.0', '0.0', '0.0', '6.7', 'awaiting-approval'],
  ])(
    '%s on April 23, 2026: binding %s, proposed %s, actual %s, utilisation %s%%, headroom %s, %s',
    (id, binding, proposed, actual, util, headroom, display) => {
      const s = categoryStatus(ctx(), id, '2026-04-23');
      expect(mil(s.binding!.cap.amount)).toBe(binding);
      expect(s.proposed ? mil(s.proposed.cap.amount) : null).toBe(proposed);
      expect(mil(s.actual)).toBe(actual);
      expect(percentString(s.binding!.utilisation)).toBe(util);
      expect(mil(s.binding!.headroom!)).toBe(headroom);
      expect(s.displayStatus).toBe(display);
    },
  );

  it('API services have no history: no data for the span, not zero (utilisation and headroom null)', () => {
    const s = categoryStatus(ctx(), 'api-services', '2026-04-23');
    expect(s.actualThrough).toBeNull();
    expect(s.known).toBe(false);
    expect(s.actualBasis).toBe('none');
    expect(mil(s.binding!.cap.amount)).toBe('20.0');
    expect(s.binding!.utilisation).toBeNull();
    expect(s.binding!.headroom).toBeNull();
    expect(s.alert).toBeNull();
    expect(s.displayStatus).toBe('no-data');
    expect(s.noData).toBe('unknown-actual');
    expect(s.projections.length).toBeGreaterThan(0);
    expect(s.projections.every((p) => p.projection.unavailable === 'no-actuals')).toBe(true);
  });

  it('outside every cap period: no cap, no period', () => {
    const s = categoryStatus(ctx(), 'api-services', '2026-04-22');
    expect(s.period).toBeNull();
    expect(s.binding).toBeNull();
    expect(s.displayStatus).toBe('no-cap');
    expect(s.outsideTerm).toBe(true);
    expect(categoryStatus(ctx(), 'api-services', '2026-04-23').outsideTerm).toBe(false);
  });

  it('an unknown category is an error naming it', () => {
    expect(() => categoryStatus(ctx(), 'financing', '2026-04-23')).toThrow(/financing/);
  });

  it('allStatuses lists the four categories in dataset order', () => {
    expect(allStatuses(ctx(), '2026-04-23').map((s) => s.category.id)).toEqual([
      'cloud-services',
      'idc-services',
      'hardware-equipment',
      'api-services',
    ]);
  });
});

describe('growth: year-on-year and year-to-date, n/a where there is no prior span', () => {
  it('growthRate is exact and null against zero', () => {
    expect(growthRate(m('2,255.2'), m('1,273.8'))!.toFixed(6)).toBe('0.770451');
    expect(growthRate(m('1'), m('0'))).toBeNull();
    expect(growthRate(m('50'), m('100'))!.toString()).toBe('-0.5');
  });

  it.each([
    ['cloud-services', '2026-04-23', '81.4', '77.0'],
    ['idc-services', '2026-04-23', null, null], // no 2025 Jan–Apr amount, no Jul 29 – Dec 31, 2024 amount
    ['hardware-equipment', '2026-04-23', null, null],
    ['api-services', '2026-04-23', null, null],
    ['cloud-services', '2025-12-31', '77.0', '77.0'], // the year-to-date span is the whole of 2025
    ['cloud-services', '2025-12-30', null, null], // 2024 is disclosed only as a full year
    ['cloud-services', '2025-06-30', null, null],
  ])('%s on %s: ytd %s, yoy %s', (id, asOf, ytd, yoy) => {
    const s = categoryStatus(ctx(), id, asOf);
    expect(percentString(s.ytd?.rate ?? null)).toBe(ytd);
    expect(percentString(s.yoy?.rate ?? null)).toBe(yoy);
  });

  it('yoy uses the latest period ended on or before the as-of date', () => {
    expect(yoyGrowth(ds, undefined, 'cloud-services', '2025-12-30')).toBeNull();
    expect(percentString(yoyGrowth(ds, undefined, 'cloud-services', '2025-12-31')!.rate)).toBe('77.0');
  });

  it('ytd runs only to the known-through date: a later ledger row without a close is provisional', () => {
    const ledger = ledgerOf({ 'cloud-services': [['2026-05-20', '100.0']] });
    const s = categoryStatus(ctx({ ledger }), 'cloud-services', '2026-05-31');
    expect(s.actualThrough).toBe('2026-04-23');
    expect(s.provisional).toBe(true);
    expect(mil(s.actual)).toBe('849.1'); // 749.1 + 100.0 (provisional)
    // YTD compares the known span January 1 – April 23 only: 749.1 vs 413.0 = +81.4%.
    expect(s.ytd!.span).toEqual({ start: '2026-01-01', end: '2026-04-23' });
    expect(percentString(s.ytd!.rate)).toBe('81.4');
  });

  it('ytd is n/a when the prior-year span is known only part-way (closed May 31, 2026, prior known to Apr 23)', () => {
    const ledger = ledgerOf({ 'cloud-services': [['2026-05-20', '100.0']] }, [], { 'cloud-services': '2026-05-31' });
    const s = categoryStatus(ctx({ ledger }), 'cloud-services', '2026-05-31');
    expect(s.actualThrough).toBe('2026-05-31');
    expect(s.provisional).toBe(false);
    expect(s.ytd).toBeNull();
  });

  it('a leap-day span compares with February 28 of the prior year', () => {
    const ledger = ledgerOf(
      {
        'cloud-services': [
          ['2027-01-15', '10.0'],
          ['2027-02-28', '5.0'],
          ['2027-03-01', '99.0'],
          ['2028-02-29', '30.0'],
        ],
      },
      [],
      { 'cloud-services': '2028-02-29' },
    );
    const g = ytdGrowth(ds, ledger, 'cloud-services', '2028-01-01', '2028-02-29')!;
    expect(g.priorSpan).toEqual({ start: '2027-01-01', end: '2027-02-28' });
    expect(mil(g.prior)).toBe('15.0');
    expect(mil(g.current)).toBe('30.0');
    expect(percentString(g.rate)).toBe('100.0');
  });

  it('compareWithPriorYear is n/a when the prior span has no data at all', () => {
    expect(compareWithPriorYear(ds, undefined, 'idc-services', { start: '2025-07-29', end: '2025-12-31' })).toBeNull();
  });
});

describe('implied buffer of a cap over the expected amount', () => {
  it.each([
    ['100.0', '90.0', '11.1'],
    ['1,000.0', '930.0', '7.5'],
    ['82.0', '90.0', '-8.9'],
    ['90.0', '90.0', '0.0'],
  ])('%s over %s → %s%%', (cap, expected, pct) => {
    expect(percentString(impliedBuffer(m(cap), m(expected)))).toBe(pct);
  });

  it('is null over a zero expected amount', () => {
    expect(impliedBuffer(m('1'), m('0'))).toBeNull();
  });

  it('from the disclosed expected amounts through the status', () => {
    const idc = categoryStatus(ctx(), 'idc-services', '2026-04-23');
    expect(mil(idc.expected!.amount)).toBe('90.0');
    expect(percentString(idc.impliedBuffer!.binding)).toBe('11.1');
    expect(idc.impliedBuffer!.proposed).toBeNull();
    // The day before the announcement the ~90 expected for 2026 was not yet disclosed.
    expect(categoryStatus(ctx(), 'idc-services', '2026-04-22').expected).toBeNull();
    expect(categoryStatus(ctx(), 'idc-services', '2026-04-22').impliedBuffer).toBeNull();

    const hw = categoryStatus(ctx(), 'hardware-equipment', '2026-04-23');
    expect(mil(hw.expected!.amount)).toBe('930.0');
    expect(percentString(hw.impliedBuffer!.proposed)).toBe('7.5');
    // Like with like: the 6.7 for January 1 – July 28 is not compared with ~930 for the year.
    expect(hw.impliedBuffer!.binding).toBeNull();
    expect(hw.impliedBuffer!.periodsDiffer).toEqual({ binding: true, proposed: false });
    expect(categoryStatus(ctx(), 'hardware-equipment', '2026-04-22').expected).toBeNull();
    expect(categoryStatus(ctx(), 'cloud-services', '2026-04-23').impliedBuffer).toBeNull();
  });
});
