import { describe, expect, it } from 'vitest';
import { categoryStatus, type ProjectionSummary } from '../../../src/domain/engine';
import type { Projection } from '../../../src/domain/projection';
import { actualSnapshot, endedCap, periodToDate, projectionColumns, staleDays } from '../../../src/domain/statusView';
import { ctx, ds, ledgerOf, mil } from './fixtures';

describe('staleDays: days between the known-through date and the as-of date (or period end)', () => {
  const year2026 = { start: '2026-01-01', end: '2026-12-31' };
  const cases: [string, { start: string; end: string } | null, string | null, string, number][] = [
    ['known through the announcement, as of June 30', year2026, '2026-04-23', '2026-06-30', 68],
    ['known through the as-of date', year2026, '2026-06-30', '2026-06-30', 0],
    [
      'period ended before the as-of date: counted to the period end',
      { start: '2025-07-29', end: '2025-12-31' },
      '2025-11-30',
      '2026-02-01',
      31,
    ],
    ['nothing known', year2026, null, '2026-06-30', 0],
    ['no cap period', null, '2026-04-23', '2026-06-30', 0],
  ];
  it.each(cases)('%s', (_label, period, actualThrough, asOf, want) => {
    expect(staleDays({ period, actualThrough, asOf })).toBe(want);
  });
  it('agrees with the engine: cloud services as of June 30, 2026 on the disclosures alone', () => {
    expect(staleDays(categoryStatus(ctx(), 'cloud-services', '2026-06-30', { methods: [] }))).toBe(68);
  });
});

describe('periodToDate: the period in force cut off at the as-of date', () => {
  const cases: [{ start: string; end: string } | null, string, { start: string; end: string } | null][] = [
    [{ start: '2026-01-01', end: '2026-12-31' }, '2026-04-23', { start: '2026-01-01', end: '2026-04-23' }],
    [{ start: '2025-07-29', end: '2025-12-31' }, '2026-02-01', { start: '2025-07-29', end: '2025-12-31' }],
    [null, '2026-04-23', null],
  ];
  it.each(cases)('%o as of %s → %o', (period, asOf, want) => {
    expect(periodToDate(period, asOf)).toEqual(want);
  });
});

describe('endedCap: the cap that ended when none binds', () => {
  // [category, as of, id of the ended cap or null, its amount]
  const cases: [string, string, string | null][] = [
    // Hardware from July 29, 2026 without the AGM: the 6.7 cap for January 1–July 28 has ended.
    ['hardware-equipment', '2026-08-15', '6.7'],
    // A cap binds: nothing ended to mention.
    ['hardware-equipment', '2026-04-23', null],
    ['cloud-services', '2026-04-23', null],
  ];
  it.each(cases)('%s as of %s → %s', (categoryId, asOf, amount) => {
    const s = categoryStatus(ctx(), categoryId, asOf, { methods: [] });
    const cap = endedCap(ds, s);
    expect(cap === null ? null : mil(cap.amount)).toBe(amount);
    if (cap) expect(cap.period.end).toBe('2026-07-28');
  });
});

describe('actualSnapshot: the disclosed figure under the actual and its audit status', () => {
  const cases: [string, string, ReturnType<typeof ledgerOf> | undefined, string | null, boolean | null][] = [
    ['cloud-services', '2026-05-31', undefined, 'cloud-2026-ytd', false],
    ['idc-services', '2025-12-31', undefined, 'idc-2025-period', true],
    // The ledger marked complete replaces the disclosure: no snapshot, no audit status.
    [
      'idc-services',
      '2025-12-31',
      ledgerOf({ 'idc-services': [['2025-08-01', '17.2']] }, ['idc-services']),
      null,
      null,
    ],
  ];
  it.each(cases)('%s as of %s', (categoryId, asOf, ledger, id, audited) => {
    const c = ctx(ledger ? { ledger } : {});
    const s = categoryStatus(c, categoryId, asOf, { methods: [] });
    const got = actualSnapshot(c, s);
    expect(got.snapshot?.id ?? null).toBe(id);
    expect(got.audited).toBe(audited);
  });
});

describe('projectionColumns: display order and why none can be shown', () => {
  const p = (method: Projection['method'], unavailable?: Projection['unavailable']) =>
    ({ projection: { method, ...(unavailable ? { unavailable } : {}) } }) as unknown as ProjectionSummary;
  const cases: [string, ProjectionSummary[], string[], string | null][] = [
    [
      'seasonal first, then linear, then growth',
      [p('growth'), p('linear'), p('seasonal')],
      ['seasonal', 'linear', 'growth'],
      null,
    ],
    ['one method with a figure is enough', [p('linear'), p('seasonal', 'no-prior-year')], ['seasonal', 'linear'], null],
    [
      'no prior year for any',
      [p('seasonal', 'no-prior-year'), p('growth', 'no-prior-year')],
      ['seasonal', 'growth'],
      'no-prior-year',
    ],
    [
      'no actuals wins',
      [p('seasonal', 'no-prior-year'), p('linear', 'no-actuals')],
      ['seasonal', 'linear'],
      'no-actuals',
    ],
    ['nothing asked for', [], [], null],
  ];
  it.each(cases)('%s', (_label, projections, order, unavailable) => {
    const got = projectionColumns({ projections });
    expect(got.columns.map((c) => c.projection.method)).toEqual(order);
    expect(got.unavailable).toBe(unavailable);
  });
  it('on the engine’s cloud services status of April 23, 2026', () => {
    const s = categoryStatus(ctx(), 'cloud-services', '2026-04-23', { methods: ['growth', 'linear', 'seasonal'] });
    const got = projectionColumns(s);
    expect(got.columns.map((c) => c.projection.method)).toEqual(['seasonal', 'linear', 'growth']);
    expect(got.unavailable).toBeNull();
  });
});
