import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  capsForPeriod,
  categoryPeriods,
  decodeScenario,
  defaultPeriod,
  encodeScenario,
  exploreScenario,
  headroomSeries,
  monthlyHeadroom,
  parsePercent,
  parsePeriodParam,
  type Scenario,
  scenarioCumulativeSeries,
  signedAxis,
} from '../../../src/domain/explorer';
import { project } from '../../../src/domain/projection';
import { approved, ctx, ds, ledgerOf, m, mil, RES_CLOUD, RES_HARDWARE } from './fixtures';

const cloud2026: Scenario = {
  categoryId: 'cloud-services',
  period: { start: '2026-01-01', end: '2026-12-31' },
  method: 'seasonal',
  growthPercent: '0',
  bufferPercent: '10',
  asOf: '2026-04-23',
};

describe('explorer on the disclosed cloud-services 2026 figures', () => {
  const r = exploreScenario(ctx(), cloud2026);

  it('seasonal projection: 749.1 × 2,255.2 / 413.0 = 4,090.5 at the period end', () => {
    expect(r.projection.actual).toBe(ds.historicals.find((h) => h.id === 'cloud-2026-ytd')!.amount);
    expect(r.projection.through).toBe('2026-04-23');
    // 749.1 × 2255.2 / 413.0 = 4090.48504… million
    expect(mil(r.projection.periodEnd, 2)).toBe('4090.49');
    expect(mil(r.projection.periodEnd)).toBe('4090.5');
  });

  it('binding cap 3,138.3 (original) and proposed 4,000.0 awaiting the AGM', () => {
    expect(r.binding?.id).toBe('cloud-2026-original');
    expect(r.proposed?.id).toBe('cloud-2026-revised');
  });

  it('10% buffer needs 4,499.6 (4,090.485 × 1.1 = 4,499.53, rounded up to 0.1): the proposed 4,000.0 is short by 499.6', () => {
    expect(mil(r.buffer.capNeeded)).toBe('4499.6');
    expect(r.buffer.versusProposed?.suffices).toBe(false);
    expect(mil(r.buffer.versusProposed!.difference)).toBe('-499.6');
    expect(mil(r.buffer.versusBinding!.difference)).toBe('-1361.3');
  });

  it('no buffer still needs 4,090.5 (over 4,000.0); +50% growth with a 15% buffer fits under the proposed cap', () => {
    const zero = exploreScenario(ctx(), { ...cloud2026, bufferPercent: '0' });
    expect(mil(zero.buffer.capNeeded)).toBe('4090.5');
    expect(zero.buffer.versusProposed!.suffices).toBe(false);
    const growth = exploreScenario(ctx(), { ...cloud2026, method: 'growth', growthPercent: '50', bufferPercent: '15' });
    // 2,255.2 × 1.5 = 3,382.8; × 1.15 = 3,890.22 → 3,890.3
    expect(mil(growth.projection.periodEnd)).toBe('3382.8');
    expect(mil(growth.buffer.capNeeded)).toBe('3890.3');
    expect(growth.buffer.versusProposed!.suffices).toBe(true);
    expect(mil(growth.buffer.versusProposed!.difference)).toBe('109.7');
  });

  it('threshold and caps are projected to be reached in order, inside 2026', () => {
    const b = r.bindingCrossings!;
    const p = r.proposedCrossings!;
    expect(mil(b.thresholdAmount)).toBe('2510.6'); // 80% of 3,138.3 = 2,510.64
    expect(mil(p.thresholdAmount)).toBe('3200.0');
    for (const c of [b.threshold, b.full, p.threshold, p.full]) expect(c.state).toBe('projected');
    expect(b.threshold.date! < b.full.date!).toBe(true);
    expect(b.full.date! < p.threshold.date!).toBe(true);
    expect(p.threshold.date! < p.full.date!).toBe(true);
    expect(p.full.date! <= '2026-12-31').toBe(true);
    expect(p.full.date! > '2026-04-23').toBe(true);
  });

  it('twelve month rows: interpolated through March (only April 23 is known), projected from April, ending at the period-end projection', () => {
    expect(r.months.map((m) => m.date)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
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
    expect(r.months.slice(0, 3).every((m) => m.basis === 'interpolated')).toBe(true);
    // Straight line from 0 on Dec 31 to 749.1 on Apr 23 (113 days): Jan 31 = 749.1 × 31 / 113 = 205.5
    expect(mil(r.months[0]!.cumulative)).toBe('205.5');
    expect(r.months.slice(3).every((m) => m.basis === 'projected')).toBe(true);
    const last = r.months[11]!;
    expect(last.cumulative).toBe(r.projection.periodEnd);
    expect(mil(last.headroomBinding!)).toBe('-952.2'); // 3,138.3 − 4,090.49
    expect(mil(last.headroomProposed!)).toBe('-90.5'); // 4,000.0 − 4,090.49
    // Month amounts add up to the period end exactly.
    expect(r.months.reduce((s, m) => s + m.inMonth, 0n)).toBe(r.projection.periodEnd);
    // Headroom never increases month to month.
    for (let i = 1; i < r.months.length; i++) {
      expect(r.months[i]!.headroomProposed! <= r.months[i - 1]!.headroomProposed!).toBe(true);
    }
  });

  it('once the AGM approval is recorded the revised 4,000.0 binds and nothing is proposed', () => {
    const after = exploreScenario(ctx({ approvals: [approved(RES_CLOUD, '2026-06-30')] }), {
      ...cloud2026,
      asOf: '2026-07-01',
    });
    expect(after.binding?.id).toBe('cloud-2026-revised');
    expect(after.proposed).toBeNull();
    expect(after.buffer.versusProposed).toBeNull();
    expect(mil(after.buffer.versusBinding!.difference)).toBe('-499.6');
  });

  it('ledger rows after the disclosure move the projection (linear run-rate over known days)', () => {
    const ledger = ledgerOf({ 'cloud-services': [['2026-04-30', '60.9']] });
    const r2 = exploreScenario(ctx({ ledger }), { ...cloud2026, method: 'linear', asOf: '2026-04-30' });
    expect(r2.projection.through).toBe('2026-04-30');
    expect(mil(r2.projection.actual)).toBe('810.0');
    // 810.0 × 365 / 120 days = 2,463.75
    expect(mil(r2.projection.periodEnd, 2)).toBe('2463.75');
    expect(r2.months[3]!.basis).toBe('known');
    expect(r2.months[2]!.basis).toBe('interpolated');
  });
});

describe('the disclosed expected amount', () => {
  it('hardware 2026: expected 930.0; a 10% buffer needs 1,023.0, so the proposed 1,000.0 is short by 23.0', () => {
    const r = exploreScenario(ctx(), { ...cloud2026, categoryId: 'hardware-equipment', method: 'linear' });
    expect(mil(r.expected!.amount.amount)).toBe('930.0');
    expect(mil(r.expected!.capNeeded)).toBe('1023.0');
    expect(r.expected!.versus).toMatchObject({ cap: { id: 'hardware-2026-revised' }, suffices: false });
    expect(mil(r.expected!.versus!.difference)).toBe('-23.0');
    // The projection itself has nothing to go on: no hardware bought in 2026 so far.
    expect(mil(r.projection.periodEnd)).toBe('0.0');
  });

  it('IDC 2026: expected 90.0; with the 11.1% buffer the revised 100.0 implies, 10% needs 99.0 — the cap suffices by 1.0', () => {
    const r = exploreScenario(ctx(), { ...cloud2026, categoryId: 'idc-services' });
    expect(mil(r.expected!.capNeeded)).toBe('99.0');
    // IDC's exempt revision to 100.0 already binds: it is the one compared.
    expect(r.expected!.versus).toMatchObject({ cap: { id: 'idc-2026-revised' }, suffices: true });
    expect(mil(r.expected!.versus!.difference)).toBe('1.0');
  });

  it('no expected amount disclosed for cloud services', () => {
    expect(exploreScenario(ctx(), cloud2026).expected).toBeNull();
  });
});

describe('periods of a category', () => {
  it('hardware lists the partial 2026 period and the revised whole year separately', () => {
    expect(categoryPeriods(ds, 'hardware-equipment')).toEqual([
      { start: '2025-07-29', end: '2025-12-31' },
      { start: '2026-01-01', end: '2026-07-28' },
      { start: '2026-01-01', end: '2026-12-31' },
      { start: '2027-01-01', end: '2027-12-31' },
    ]);
  });

  it.each([
    ['hardware-equipment', '2026-04-23', '2026-01-01..2026-12-31'],
    ['cloud-services', '2026-04-23', '2026-01-01..2026-12-31'],
    ['api-services', '2026-01-10', '2026-04-23..2026-12-31'],
    ['idc-services', '2025-07-29', '2025-07-29..2025-12-31'],
    ['cloud-services', '2030-01-01', '2027-01-01..2027-12-31'],
  ])('%s on %s defaults to %s', (cat, asOf, expected) => {
    const p = defaultPeriod(ds, cat, asOf)!;
    expect(`${p.start}..${p.end}`).toBe(expected);
  });

  it('hardware 2026 whole year: the original 6.7 (to July 28) binds, 1,000.0 is proposed; nothing binds after July 28 without approval', () => {
    const period = { start: '2026-01-01', end: '2026-12-31' };
    expect(capsForPeriod(ctx(), 'hardware-equipment', period, '2026-04-23')).toMatchObject({
      binding: { id: 'hardware-2026-original' },
      proposed: { id: 'hardware-2026-revised' },
    });
    const late = capsForPeriod(ctx(), 'hardware-equipment', period, '2026-09-01');
    expect(late.binding).toBeNull();
    expect(late.proposed?.id).toBe('hardware-2026-revised');
    const ok = capsForPeriod(
      ctx({ approvals: [approved(RES_HARDWARE, '2026-06-30')] }),
      'hardware-equipment',
      period,
      '2026-09-01',
    );
    expect(ok.binding?.id).toBe('hardware-2026-revised');
  });

  it('a future period shows the caps that apply when it starts; revisions not yet announced are left out', () => {
    const p2027 = { start: '2027-01-01', end: '2027-12-31' };
    expect(capsForPeriod(ctx(), 'cloud-services', p2027, '2026-04-23')).toMatchObject({
      binding: { id: 'cloud-2027-original' },
      proposed: { id: 'cloud-2027-revised' },
    });
    const before = capsForPeriod(ctx(), 'cloud-services', p2027, '2026-03-01');
    expect(before.binding?.id).toBe('cloud-2027-original');
    expect(before.proposed).toBeNull();
  });

  it('monthly rows of a non-calendar period start on its first day and leave out headroom outside a cap period', () => {
    const period = { start: '2026-01-01', end: '2026-12-31' };
    const p = project({ dataset: ds, categoryId: 'hardware-equipment', period, asOf: '2026-04-23', method: 'linear' });
    const caps = capsForPeriod(ctx(), 'hardware-equipment', period, '2026-04-23');
    const rows = monthlyHeadroom(p, caps.binding, caps.proposed);
    expect(rows[6]!.date).toBe('2026-07-31');
    expect(rows[5]!.headroomBinding).not.toBeNull(); // June 30 is inside Jan 1 – Jul 28
    expect(rows[6]!.headroomBinding).toBeNull(); // July 31 is past July 28
    expect(rows[6]!.headroomProposed).not.toBeNull();
    const idc = project({
      dataset: ds,
      categoryId: 'idc-services',
      period: { start: '2025-07-29', end: '2025-12-31' },
      asOf: '2026-04-23',
      method: 'linear',
    });
    const idcRows = monthlyHeadroom(idc, null, null);
    expect(idcRows.map((r) => r.date)).toEqual([
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
    ]);
    expect(mil(idcRows[5]!.cumulative)).toBe('17.2');
    expect(idcRows.map((r) => r.basis)).toEqual([
      'interpolated',
      'interpolated',
      'interpolated',
      'interpolated',
      'interpolated',
      'known',
    ]);
  });
});

describe('scenario in the URL', () => {
  it('round-trips every field', () => {
    const s: Scenario = {
      ...cloud2026,
      method: 'growth',
      growthPercent: '12.5',
      bufferPercent: '7.25',
      asOf: '2026-05-31',
    };
    const params = encodeScenario(s, new URLSearchParams('foo=bar'));
    expect(params.get('foo')).toBe('bar');
    expect(params.toString()).toBe(
      'foo=bar&category=cloud-services&period=2026-01-01..2026-12-31&method=growth&growth=12.5&buffer=7.25&asOf=2026-05-31',
    );
    const back = decodeScenario(new URLSearchParams(params.toString()), ds, '2000-01-01');
    expect(back.ignored).toEqual([]);
    expect(back.scenario).toEqual(s);
    expect(exploreScenario(ctx(), back.scenario!).buffer.capNeeded).toBe(exploreScenario(ctx(), s).buffer.capNeeded);
  });

  it('fills defaults from the as-of date when parameters are missing', () => {
    const d = decodeScenario(new URLSearchParams('asOf=2026-04-23'), ds, '2000-01-01');
    expect(d.scenario).toEqual(cloud2026);
  });

  it('ignores bad values, names them and falls back to defaults', () => {
    const d = decodeScenario(
      new URLSearchParams(
        'category=nope&period=2026-02-30..2026-12-31&method=magic&growth=-100&buffer=abc&asOf=2026-13-01',
      ),
      ds,
      '2026-04-23',
    );
    expect([...d.ignored].sort()).toEqual(['asOf', 'buffer', 'category', 'growth', 'method', 'period']);
    expect(d.scenario).toEqual(cloud2026);
  });

  it('a period that is not a cap period of the category is ignored', () => {
    const d = decodeScenario(
      new URLSearchParams('category=idc-services&period=2026-01-01..2026-07-28&asOf=2026-04-23'),
      ds,
      '2026-04-23',
    );
    expect(d.ignored).toEqual(['period']);
    expect(d.scenario?.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it.each([
    ['10', 'buffer', '10'],
    ['0', 'buffer', '0'],
    ['12.25', 'growth', '12.25'],
    ['-99.99', 'growth', '-99.99'],
    ['-100', 'growth', null],
    ['-1', 'buffer', null],
    ['1.234', 'buffer', null],
    ['1e3', 'buffer', null],
    ['', 'growth', null],
    ['99999', 'growth', null],
  ] as const)('parsePercent(%j, %s) → %s', (text, kind, expected) => {
    const d = parsePercent(text, kind);
    expect(d === null ? null : d.toString()).toBe(expected);
  });

  it.each(['2026-01-01..2026-12-31', '2025-07-29..2025-07-29'])('accepts period %s', (t) => {
    expect(parsePeriodParam(t)).not.toBeNull();
  });
  it.each(['2026-12-31..2026-01-01', '2026-01-01_2026-12-31', '2026-01-01..', 'x'])('rejects period %j', (t) => {
    expect(parsePeriodParam(t)).toBeNull();
  });

  it('growth is parsed exactly (no floating point): 33.33% of 2,255.2', () => {
    const r = exploreScenario(ctx(), { ...cloud2026, method: 'growth', growthPercent: '33.33' });
    expect(new Decimal('2255.2').times('1.3333').toFixed(2)).toBe('3006.86');
    expect(mil(r.projection.periodEnd, 2)).toBe('3006.86');
  });
});

describe('chart series of a scenario', () => {
  const r = exploreScenario(ctx(), cloud2026);

  it('cumulative series for the shared chart: known points, then month-end projections; caps and threshold of the binding cap', () => {
    const s = scenarioCumulativeSeries(r);
    expect(s.points.map((p) => p.date)).toEqual([
      '2025-12-31',
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
    expect(s.points[1]).toMatchObject({ actual: m('749.1'), projected: m('749.1') });
    expect(s.points.at(-1)!.projected).toBe(r.projection.periodEnd);
    expect(s.binding!.amount).toBe(m('3,138.3'));
    expect(s.proposed!.amount).toBe(m('4,000.0'));
    expect(s.threshold).toMatchObject({ of: 'binding' });
    expect(mil(s.threshold!.amount)).toBe('2510.6');
    expect(s.crossings!.cap).toEqual(r.bindingCrossings!.full);
    expect(s.domain.max).toBeGreaterThanOrEqual(4090.5);
  });

  it('a proposed cap over another period is named, not drawn (hardware January 1 – July 28, 2026: 1,000.0 is for the whole year)', () => {
    const hw = exploreScenario(ctx(), {
      ...cloud2026,
      categoryId: 'hardware-equipment',
      period: { start: '2026-01-01', end: '2026-07-28' },
      method: 'linear',
    });
    const s = scenarioCumulativeSeries(hw);
    expect(s.binding!.amount).toBe(m('6.7'));
    expect(s.proposed).toBeNull();
    expect(s.proposedOtherPeriod).toMatchObject({
      amount: m('1,000.0'),
      period: { start: '2026-01-01', end: '2026-12-31' },
    });
    expect(s.proposedOtherPeriod).not.toBeNull();
    expect(scenarioCumulativeSeries(r).proposedOtherPeriod).toBeNull();
  });

  it('headroom series starts from the full caps and goes negative: axis covers both signs', () => {
    const h = headroomSeries(r);
    expect(h.points[0]).toMatchObject({
      date: '2025-12-31',
      basis: 'start',
      binding: m('3,138.3'),
      proposed: m('4,000.0'),
    });
    expect(h.points.length).toBe(13);
    expect(mil(h.points.at(-1)!.proposed!)).toBe('-90.5');
    expect(h.axis.min).toBeLessThan(-952.2);
    expect(h.axis.max).toBeGreaterThanOrEqual(4000);
    expect(h.axis.ticks).toContain(0);
    expect(h.axis.ticks[0]).toBe(h.axis.min);
    expect(h.axis.ticks.at(-1)).toBe(h.axis.max);
  });

  it('signedAxis of all zeros still has a zero tick', () => {
    const axis = signedAxis([m('0.0'), null]);
    expect(axis.ticks).toContain(0);
    expect(axis.min).toBe(0);
  });

  it('signedAxis pads each side and uses one step', () => {
    expect(signedAxis([m('100.0'), m('-5.0')])).toEqual({
      min: -25,
      max: 125,
      ticks: [-25, 0, 25, 50, 75, 100, 125],
      step: 25,
    });
  });
});
