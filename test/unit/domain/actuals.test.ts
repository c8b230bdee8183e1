import { describe, expect, it } from 'vitest';
import { actualForSpan, cumulativePoints } from '../../../src/domain/actuals';
import { fromDayNumber, toDayNumber } from '../../../src/domain/dates';
import { categoryStatus } from '../../../src/domain/engine';
import { buildDailyTotals, EMPTY_LEDGER, entryDaysIn, lastEntryDay, sumDays } from '../../../src/domain/ledgerTotals';
import { ctx, ds, ledgerOf, m, mil } from './fixtures';

const CLOUD_ROWS = [
  ['2026-03-10', '50.0'], // covered by the 749.1 snapshot to April 23
  ['2026-04-23', '10.0'], // on the up-to date: covered too
  ['2026-04-24', '20.0'],
  ['2026-06-30', '5.0'],
  ['2026-07-01', '100.0'], // after the span
] as const;

describe('buildDailyTotals and prefix sums', () => {
  const d = (iso: string) => toDayNumber(iso);
  const totals = buildDailyTotals([
    [d('2026-05-02'), m('0.1')],
    [d('2026-05-01'), m('1.0')],
    [d('2026-05-02'), m('0.2')],
    [d('2026-05-10'), m('-0.5')], // credit note
    [d('2026-05-02'), m('0.0')],
  ]);

  it('collapses rows to ascending unique days with exact running totals', () => {
    expect([...totals.days].map(fromDayNumber)).toEqual(['2026-05-01', '2026-05-02', '2026-05-10']);
    expect([...totals.prefix]).toEqual([m('1.0'), m('1.3'), m('0.8')]);
  });

  it.each([
    ['2026-05-01', '2026-05-01', '1.0'],
    ['2026-05-02', '2026-05-02', '0.3'],
    ['2026-04-01', '2026-05-31', '0.8'],
    ['2026-05-03', '2026-05-09', '0.0'],
    ['2026-05-02', '2026-05-10', '-0.2'],
    ['2026-05-11', '2026-06-30', '0.0'],
    ['2026-05-10', '2026-05-01', '0.0'], // empty range
  ])('sumDays %s..%s (inclusive) = %s', (a, b, total) => {
    expect(mil(sumDays(totals, d(a), d(b)))).toBe(total);
  });

  it('lastEntryDay and entryDaysIn respect both ends', () => {
    expect(lastEntryDay(totals, d('2026-05-01'), d('2026-05-09'))).toBe(d('2026-05-02'));
    expect(lastEntryDay(totals, d('2026-05-03'), d('2026-05-09'))).toBeNull();
    expect(lastEntryDay(totals, d('2026-05-10'), d('2026-05-10'))).toBe(d('2026-05-10'));
    expect(entryDaysIn(totals, d('2026-05-02'), d('2026-05-10')).map(fromDayNumber)).toEqual([
      '2026-05-02',
      '2026-05-10',
    ]);
    expect(sumDays(undefined, 0, 100_000)).toBe(0n);
    expect(lastEntryDay(undefined, 0, 100_000)).toBeNull();
  });
});

describe('actualForSpan: disclosed snapshot + ledger rows after its up-to date', () => {
  const ledger = ledgerOf({ 'cloud-services': CLOUD_ROWS });

  it('adds only rows after April 23 up to the span end; rows on or before it are shown as covered', () => {
    const a = actualForSpan(ds, ledger, 'cloud-services', { start: '2026-01-01', end: '2026-06-30' });
    expect(a.snapshot?.id).toBe('cloud-2026-ytd');
    expect(a.basis).toBe('disclosed+ledger');
    expect(mil(a.ledgerAmount)).toBe('25.0');
    expect(mil(a.coveredLedgerAmount)).toBe('60.0');
    expect(mil(a.amount)).toBe('774.1'); // 749.1 + 20.0 + 5.0
    // Known through the disclosure's up-to date only: the later rows count but are provisional.
    expect(a.through).toBe('2026-04-23');
    expect(a.provisional).toBe(true);
    expect(mil(a.provisionalAmount)).toBe('25.0');
    expect(a.lastRow).toBe('2026-06-30');
  });

  it('a "ledger complete through" date extends what is known; rows after it stay provisional', () => {
    const closed = ledgerOf({ 'cloud-services': CLOUD_ROWS }, [], { 'cloud-services': '2026-05-31' });
    const a = actualForSpan(ds, closed, 'cloud-services', { start: '2026-01-01', end: '2026-06-30' });
    expect(mil(a.amount)).toBe('774.1');
    expect(a.through).toBe('2026-05-31'); // later of 2026-04-23 (disclosure) and 2026-05-31 (close)
    expect(a.provisional).toBe(true); // the 5.0 of June 30
    expect(mil(a.provisionalAmount)).toBe('5.0');
    const b = actualForSpan(ds, closed, 'cloud-services', { start: '2026-01-01', end: '2026-05-15' });
    expect(mil(b.amount)).toBe('769.1');
    expect(b.through).toBe('2026-05-15'); // clipped to the span end
    expect(b.provisional).toBe(false);
  });

  it('a close before the disclosure does not shorten it', () => {
    const closed = ledgerOf({ 'cloud-services': CLOUD_ROWS }, [], { 'cloud-services': '2026-03-31' });
    const a = actualForSpan(ds, closed, 'cloud-services', { start: '2026-01-01', end: '2026-06-29' });
    expect(mil(a.amount)).toBe('769.1');
    expect(a.through).toBe('2026-04-23');
  });

  it('with only covered rows the disclosure stands alone', () => {
    const a = actualForSpan(ds, ledger, 'cloud-services', { start: '2026-01-01', end: '2026-04-23' });
    expect(a.basis).toBe('disclosed');
    expect(mil(a.amount)).toBe('749.1');
    expect(mil(a.ledgerAmount)).toBe('0.0');
    expect(mil(a.coveredLedgerAmount)).toBe('60.0');
    expect(a.through).toBe('2026-04-23');
  });

  it('a snapshot ending after the span end is not used; without a close nothing is known (50.0 is a lower bound)', () => {
    const a = actualForSpan(ds, ledger, 'cloud-services', { start: '2026-01-01', end: '2026-04-22' });
    expect(a.snapshot).toBeNull();
    expect(a.basis).toBe('ledger');
    expect(mil(a.amount)).toBe('50.0');
    expect(a.through).toBeNull();
    expect(a.provisional).toBe(true);
    const closed = ledgerOf({ 'cloud-services': CLOUD_ROWS }, [], { 'cloud-services': '2026-03-31' });
    expect(actualForSpan(ds, closed, 'cloud-services', { start: '2026-01-01', end: '2026-04-22' }).through).toBe(
      '2026-03-31',
    );
  });

  it('a close before the span starts says nothing about it', () => {
    const closed = ledgerOf({ 'idc-services': [['2027-02-01', '1.0']] }, [], { 'idc-services': '2026-12-30' });
    expect(actualForSpan(ds, closed, 'idc-services', { start: '2027-01-01', end: '2027-03-31' }).through).toBeNull();
    const atEnd = ledgerOf({ 'idc-services': [['2027-02-01', '1.0']] }, [], { 'idc-services': '2027-01-31' });
    const a = actualForSpan(ds, atEnd, 'idc-services', { start: '2027-01-01', end: '2027-03-31' });
    expect(a.through).toBe('2027-01-31');
    expect(mil(a.amount)).toBe('1.0');
    expect(a.provisional).toBe(true);
  });

  it('a snapshot must start on the span start', () => {
    const a = actualForSpan(ds, ledger, 'cloud-services', { start: '2026-02-01', end: '2026-06-30' });
    expect(a.snapshot).toBeNull();
    expect(mil(a.amount)).toBe('85.0');
  });

  it('the latest snapshot within the span wins (2025: the full year over the April 23 comparative)', () => {
    expect(
      actualForSpan(ds, undefined, 'cloud-services', { start: '2025-01-01', end: '2025-12-31' }).snapshot?.id,
    ).toBe('cloud-2025-full');
    expect(
      actualForSpan(ds, undefined, 'cloud-services', { start: '2025-01-01', end: '2025-12-30' }).snapshot?.id,
    ).toBe('cloud-2025-ytd-apr23');
  });

  it('a credit note after the snapshot reduces the actual', () => {
    const l = ledgerOf({
      'idc-services': [
        ['2026-05-01', '-3.0'],
        ['2026-05-02', '1.5'],
      ],
    });
    expect(mil(actualForSpan(ds, l, 'idc-services', { start: '2026-01-01', end: '2026-12-31' }).amount)).toBe('12.6');
  });

  it('a ledger marked complete replaces the disclosures', () => {
    const complete = ledgerOf({ 'cloud-services': CLOUD_ROWS }, ['cloud-services']);
    const a = actualForSpan(ds, complete, 'cloud-services', { start: '2026-01-01', end: '2026-06-30' });
    expect(a.snapshot).toBeNull();
    expect(a.basis).toBe('ledger');
    expect(mil(a.amount)).toBe('85.0'); // 50 + 10 + 20 + 5; the 749.1 disclosure is not used
    expect(a.through).toBe('2026-06-30'); // complete: known through the span end
    expect(mil(a.coveredLedgerAmount)).toBe('0.0');
    // Other categories keep their disclosures.
    expect(mil(actualForSpan(ds, complete, 'idc-services', { start: '2026-01-01', end: '2026-06-30' }).amount)).toBe(
      '14.1',
    );
  });

  it('nothing known: zero, through nothing', () => {
    const a = actualForSpan(ds, EMPTY_LEDGER, 'api-services', { start: '2026-04-23', end: '2026-12-31' });
    expect(a).toMatchObject({ amount: 0n, through: null, basis: 'none', snapshot: null });
  });
});

describe('the status uses the same rule', () => {
  it('cloud on June 30, 2026 with the ledger: 774.1 of 3,138.3', () => {
    const s = categoryStatus(
      ctx({ ledger: ledgerOf({ 'cloud-services': CLOUD_ROWS }) }),
      'cloud-services',
      '2026-06-30',
    );
    expect(mil(s.actual)).toBe('774.1');
    expect(s.actualBasis).toBe('disclosed+ledger');
    expect(s.actualThrough).toBe('2026-04-23');
    expect(s.provisional).toBe(true);
    expect(s.known).toBe(true);
    expect(mil(s.binding!.headroom!)).toBe('2364.2');
  });
});

describe('cumulativePoints', () => {
  it('zero the day before the period, then each snapshot and ledger day, to the up-to date', () => {
    const ledger = ledgerOf({ 'cloud-services': CLOUD_ROWS });
    const pts = cumulativePoints(
      ds,
      ledger,
      'cloud-services',
      { start: '2026-01-01', end: '2026-12-31' },
      '2026-06-30',
    );
    expect(pts.map((p) => [p.date, mil(p.amount)])).toEqual([
      ['2025-12-31', '0.0'],
      // March 10 is not a point: before the snapshot nothing is known complete, 50.0 is only a lower bound.
      ['2026-04-23', '749.1'],
      ['2026-04-24', '769.1'],
      ['2026-06-30', '774.1'],
    ]);
  });

  it('an earlier up-to date cuts the same points (worked out once per ledger); a new ledger is read afresh', () => {
    const year = { start: '2026-01-01', end: '2026-12-31' } as const;
    const ledger = ledgerOf({ 'cloud-services': CLOUD_ROWS });
    const at = (l: typeof ledger, upTo: string) =>
      cumulativePoints(ds, l, 'cloud-services', year, upTo).map((p) => [p.date, mil(p.amount)]);
    expect(at(ledger, '2026-06-30')).toHaveLength(4);
    expect(at(ledger, '2026-04-24')).toEqual([
      ['2025-12-31', '0.0'],
      ['2026-04-23', '749.1'],
      ['2026-04-24', '769.1'],
    ]);
    expect(at(ledger, '2026-04-22')).toEqual([['2025-12-31', '0.0']]);
    expect(at(ledger, '2025-06-30')).toEqual([['2025-12-31', '0.0']]);
    // One more row on June 1 is a new ledger object: its point is there, the old ledger's are unchanged.
    const more = ledgerOf({ 'cloud-services': [...CLOUD_ROWS, ['2026-06-01', '1.0'] as const] });
    expect(at(more, '2026-06-30')).toEqual([
      ['2025-12-31', '0.0'],
      ['2026-04-23', '749.1'],
      ['2026-04-24', '769.1'],
      ['2026-06-01', '770.1'],
      ['2026-06-30', '775.1'],
    ]);
    expect(at(ledger, '2026-06-30')).toEqual([
      ['2025-12-31', '0.0'],
      ['2026-04-23', '749.1'],
      ['2026-04-24', '769.1'],
      ['2026-06-30', '774.1'],
    ]);
  });

  it('for the non-calendar IDC 2025 period', () => {
    const pts = cumulativePoints(
      ds,
      undefined,
      'idc-services',
      { start: '2025-07-29', end: '2025-12-31' },
      '2026-04-23',
    );
    expect(pts.map((p) => [p.date, mil(p.amount)])).toEqual([
      ['2025-07-28', '0.0'],
      ['2025-12-31', '17.2'],
    ]);
  });
});
