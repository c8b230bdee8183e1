import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { categoryStatus } from '../../../src/domain/engine';
import type { CategoryId } from '../../../src/domain/model';
import type { IsoDate } from '../../../src/domain/dates';
import { fromMillions, fromUnits } from '../../../src/domain/money';
import { type UncappedResolution, uncappedTransactions } from '../../../src/domain/uncapped';
import {
  buildResolution,
  type ExemptionInput,
  type ResolutionDraft,
  twelveMonthAggregate,
} from '../../../src/domain/uncappedResolution';
import { buildDailyTotals, type LedgerTotals } from '../../../src/domain/ledgerTotals';
import { toDayNumber } from '../../../src/domain/dates';
import { ds } from './fixtures';

/** Ledger rows in yuan (exact), per category. */
function ledger(rows: Partial<Record<CategoryId, readonly (readonly [IsoDate, string])[]>>): LedgerTotals {
  return {
    byCategory: new Map(
      Object.entries(rows).map(([c, list]) => [
        c,
        buildDailyTotals((list ?? []).map(([d, y]) => [toDayNumber(d), fromUnits(y)] as const)),
      ]),
    ),
    complete: new Set(),
  };
}

// API services have no cap before April 23, 2026 (their term starts then): RMB 2,000,000.00 on January 5
// and RMB 1,000,000.00 on March 10, 2026 are uncapped, RMB 3,000,000.00 in all.
const API = [
  ['2026-01-05', '2000000.00'],
  ['2026-03-10', '1000000.00'],
] as const;
// Hardware has no cap before July 29, 2025: RMB 500,000.00 on June 15, 2025 is uncapped too, same connected person.
const HW = [['2025-06-15', '500000.00']] as const;

const base = { dataset: ds, approvals: [] };
const draft = (over: Partial<ResolutionDraft>): ResolutionDraft => ({
  categoryId: 'api-services',
  start: '2026-01-05',
  end: '2026-03-10',
  outcome: 'reported',
  note: 'Reported to the board on review.',
  reportedOn: '2026-04-30',
  ...over,
});
const rmb = (m: string) => fromMillions(m);
const denominators = (revenue: string): ExemptionInput => ({
  // Total assets RMB 4,000 million, revenue as given, market capitalisation RMB 10,000 million.
  denominators: { assets: rmb('4000'), revenue: rmb(revenue), consideration: rmb('10000') },
  currency: 'RMB',
  hkdPerRmb: new Decimal('1.09'),
  subsidiaryLevelOnly: false,
});

describe('twelve-month aggregation (rule 14A.81)', () => {
  it('adds the same connected person’s uncapped rows of every category over the twelve months to the item’s end', () => {
    const a = twelveMonthAggregate(
      { ...base, ledger: ledger({ 'api-services': API, 'hardware-equipment': HW }) },
      'api-services',
      '2026-03-10',
    );
    expect([a.from, a.to]).toEqual(['2025-03-11', '2026-03-10']);
    expect(a.amount).toBe(fromUnits('3500000.00')); // 3,000,000.00 API + 500,000.00 hardware
    expect(a.byCategory.map((x) => [x.categoryId, String(x.amount)])).toEqual([
      ['hardware-equipment', '50000000'],
      ['api-services', '300000000'],
    ]);
    // A row more than twelve months before is not aggregated.
    const old = twelveMonthAggregate(
      { ...base, ledger: ledger({ 'api-services': API, 'hardware-equipment': HW }) },
      'api-services',
      '2026-06-16',
    );
    expect(old.amount).toBe(fromUnits('3000000.00'));
  });
});

describe('buildResolution: each outcome and its checks', () => {
  const withRows = { ...base, ledger: ledger({ 'api-services': API }) };
  const withHw = { ...base, ledger: ledger({ 'api-services': API, 'hardware-equipment': HW }) };
  it.each<[string, Partial<ResolutionDraft>, typeof withRows, string[]]>([
    ['reported with a date', {}, withRows, []],
    ['a blank note', { note: '  ' }, withRows, ['note-required']],
    ['reported without a date', { reportedOn: '' }, withRows, ['reported-on-required']],
    ['reported before the rows', { reportedOn: '2026-01-04' }, withRows, ['reported-before-rows']],
    ['nothing uncapped in the range', { start: '2026-01-06', end: '2026-03-09' }, withRows, ['no-rows']],
    ['misclassified to IDC', { outcome: 'misclassified', movedTo: 'idc-services' }, withRows, []],
    ['misclassified, not connected at all', { outcome: 'misclassified', movedTo: 'none' }, withRows, []],
    ['misclassified to itself', { outcome: 'misclassified', movedTo: 'api-services' }, withRows, ['moved-to-same']],
    ['misclassified to nowhere', { outcome: 'misclassified' }, withRows, ['moved-to-required']],
    [
      'misclassified to an unknown category',
      { outcome: 'misclassified', movedTo: 'x' },
      withRows,
      ['moved-to-unknown'],
    ],
    [
      'another agreement',
      { outcome: 'other-agreement', coveredBy: '2021 framework agreement, announced 2021-08-12' },
      withRows,
      [],
    ],
    ['another agreement, unnamed', { outcome: 'other-agreement' }, withRows, ['covered-by-required']],
    // 3.0 ÷ 3,100 = 0.0968% (highest: 3.0 ÷ 4,000 = 0.075%, 3.0 ÷ 10,000 = 0.03%): below 0.1%, de minimis.
    ['exempt: 0.0968% of revenue', { outcome: 'exempt-14a76', exemption: denominators('3100') }, withRows, []],
    // Aggregated with hardware's 0.5 (rule 14A.81): 3.5 ÷ 3,100 = 0.1129%, not de minimis; HK$3.815m is not under HK$3m.
    [
      'exempt alone, not once aggregated',
      { outcome: 'exempt-14a76', exemption: denominators('3100') },
      withHw,
      ['not-exempt'],
    ],
    // 3.0 ÷ 2,500 = 0.12%; at HK$1.09 the RMB 3.0m is HK$3.27m: not under HK$3m either.
    ['0.12% of revenue', { outcome: 'exempt-14a76', exemption: denominators('2500') }, withRows, ['not-exempt']],
    // At HK$0.90 per RMB the RMB 3.0m is HK$2.7m: every ratio below 5% and under HK$3m → fully exempt (14A.76(1)(c)).
    [
      'under HK$3 million',
      { outcome: 'exempt-14a76', exemption: { ...denominators('2500'), hkdPerRmb: new Decimal('0.9') } },
      withRows,
      [],
    ],
    // One denominator missing: the band cannot be told.
    [
      'a ratio missing',
      { outcome: 'exempt-14a76', exemption: { ...denominators('3100'), denominators: { revenue: rmb('3100') } } },
      withRows,
      ['exemption-incomplete'],
    ],
    ['no denominators', { outcome: 'exempt-14a76' }, withRows, ['exemption-incomplete']],
  ])('%s', (_name, over, ctx, codes) => {
    const r = buildResolution(ctx, draft(over), '2026-06-30', '2026-07-01T00:00:00.000Z');
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(codes);
  });

  it('records the exact amount and rows resolved, and what an exemption rests on', () => {
    const r = buildResolution(
      withRows,
      draft({ outcome: 'exempt-14a76', exemption: denominators('3100') }),
      '2026-06-30',
      '2026-07-01T00:00:00.000Z',
    );
    if (!r.ok) throw new Error('refused');
    expect(r.resolution).toMatchObject({
      id: 'api-services:2026-01-05:2026-03-10',
      amountMinor: '300000000',
      count: 2,
      outcome: 'exempt-14a76',
      exemption: {
        from: '2025-03-11',
        to: '2026-03-10',
        aggregateMinor: '300000000',
        assets: '4000',
        revenue: '3100',
        consideration: '10000',
        denominatorCurrency: 'RMB',
        hkdPerRmb: '1.09',
        highestRatio: new Decimal(3).div(3100).toString(),
      },
    });
    const not = buildResolution(
      withHw,
      draft({ outcome: 'exempt-14a76', exemption: denominators('3100') }),
      '2026-06-30',
      'x',
    );
    expect(!not.ok && not.problems[0]).toMatchObject({ code: 'not-exempt', aggregate: fromUnits('3500000.00') });
  });

  it('a row resolved as misclassified leaves the aggregate: the exemption then holds', () => {
    const moved: UncappedResolution = {
      id: 'hardware-equipment:2025-06-15:2025-06-15',
      categoryId: 'hardware-equipment',
      start: '2025-06-15',
      end: '2025-06-15',
      amountMinor: '50000000',
      count: 1,
      outcome: 'misclassified',
      movedTo: 'none',
      note: 'A sale to a third party booked to Xiaomi.',
      recordedAt: '2026-07-01T00:00:00.000Z',
    };
    const r = buildResolution(
      { ...withHw, uncappedResolutions: [moved] },
      draft({ outcome: 'exempt-14a76', exemption: denominators('3100') }),
      '2026-06-30',
      'x',
    );
    expect(r.ok).toBe(true);
  });
});

describe('a resolution against the ledger as it is now', () => {
  const resolved = (): UncappedResolution => {
    const r = buildResolution({ ...base, ledger: ledger({ 'api-services': API }) }, draft({}), '2026-06-30', 'x');
    if (!r.ok) throw new Error('refused');
    return r.resolution;
  };
  const status = (rows: readonly (readonly [IsoDate, string])[]) =>
    categoryStatus(
      { ...base, ledger: ledger({ 'api-services': rows }), uncappedResolutions: [resolved()] },
      'api-services',
      '2026-06-30',
    );

  it.each<[string, readonly (readonly [IsoDate, string])[], boolean, number, string, string | null]>([
    // name, rows, applies, unresolved rows, unresolved amount (fen), display status
    // No longer uncapped; API services 2026 have no disclosure and no close, so: no data (never "ok").
    ['the rows resolved: the alert ends, the item stays listed', API, true, 0, '0', 'no-data'],
    [
      'a row added inside the range re-opens it (stale)',
      [...API, ['2026-02-01', '10.00']],
      false,
      3,
      '300001000',
      'uncapped',
    ],
    [
      'a row after the range is a new item; the resolution still applies',
      [...API, ['2026-04-01', '10.00']],
      true,
      1,
      '1000',
      'uncapped',
    ],
  ])('%s', (_name, rows, applies, count, amount, display) => {
    const s = status(rows);
    const span = s.uncapped.spans[0]!;
    expect(span.resolutions.map((x) => x.applies)).toEqual([applies]);
    expect([s.uncapped.count, String(s.uncapped.amount)]).toEqual([count, amount]);
    expect(s.displayStatus).toBe(display);
    expect(s.uncapped.totalCount).toBe(rows.length);
  });

  it('the days covered carry the resolution', () => {
    const u = uncappedTransactions(ds, ledger({ 'api-services': API }), 'api-services', '2026-06-30', [], [resolved()]);
    expect(u.days.map((d) => [d.date, d.resolution?.outcome ?? null])).toEqual([
      ['2026-01-05', 'reported'],
      ['2026-03-10', 'reported'],
    ]);
    expect([u.spans[0]!.unresolvedFrom, u.spans[0]!.unresolvedCount]).toEqual([null, 0]);
  });
});
