import { describe, expect, it } from 'vitest';
import {
  checkCompleteThrough,
  lastCompleteMonthEnd,
  proposeCompleteThrough,
} from '../../../src/domain/completeThrough';
import { categoryStatus } from '../../../src/domain/engine';
import { ctx, ledgerOf, mil } from './fixtures';

describe('lastCompleteMonthEnd: the close an import proposes', () => {
  it.each([
    // last row, today, proposed
    ['2026-06-15', '2026-12-02', '2026-05-31'], // June is not over in the file: May is the last complete month
    ['2026-06-30', '2026-12-02', '2026-06-30'], // a row on the last day: that month is complete
    ['2026-03-01', '2026-12-02', '2026-02-28'],
    ['2028-03-10', '2028-12-31', '2028-02-29'], // leap year
    ['2026-01-31', '2026-12-02', '2026-01-31'],
    ['2026-01-05', '2026-12-02', '2025-12-31'], // across a year end
    ['2027-03-15', '2026-12-02', '2026-11-30'], // a future-dated row closes no month that has not ended
    ['2026-12-31', '2026-12-02', '2026-11-30'],
  ])('rows to %s, today %s → %s', (lastRow, today, expected) => {
    expect(lastCompleteMonthEnd(lastRow, today)).toBe(expected);
  });
});

describe('proposeCompleteThrough: never moves the close backwards', () => {
  it.each([
    ['2026-06-15', null, '2026-05-31'],
    ['2026-06-15', '2026-04-30', '2026-05-31'],
    ['2026-06-15', '2026-05-31', null], // already there
    ['2026-06-15', '2026-06-30', null], // a later close stays
  ] as const)('rows to %s, current %s → %s', (lastRow, current, expected) => {
    expect(proposeCompleteThrough(lastRow, current, '2026-12-02')).toBe(expected);
  });
});

describe('checkCompleteThrough', () => {
  it.each([
    ['2026-05-31', null],
    ['2026-12-02', null], // today itself
    ['2026-12-03', 'future'],
    ['2026-02-30', 'invalid-date'],
    ['', 'invalid-date'],
  ] as const)('%s → %s', (date, problem) => {
    expect(checkCompleteThrough(date, '2026-12-02')).toBe(problem);
  });
});

describe('the close feeds what the engine knows (cloud services 2026)', () => {
  // Disclosed 749.1 from January 1 to April 23, 2026; ledger rows after it.
  const rows = {
    'cloud-services': [
      ['2026-05-20', '100.0'],
      ['2026-06-10', '50.5'],
    ] as const,
  };
  it('without a close: known through April 23 only, 899.6 is provisional', () => {
    const s = categoryStatus(ctx({ ledger: ledgerOf(rows) }), 'cloud-services', '2026-06-30');
    expect(mil(s.actual)).toBe('899.6'); // 749.1 + 100.0 + 50.5
    expect(s.actualThrough).toBe('2026-04-23');
    expect(s.provisional).toBe(true);
  });
  it('closed through May 31: known through May 31, the 50.5 of June 10 still provisional', () => {
    const s = categoryStatus(
      ctx({ ledger: ledgerOf(rows, [], { 'cloud-services': '2026-05-31' }) }),
      'cloud-services',
      '2026-06-30',
    );
    expect(mil(s.actual)).toBe('899.6');
    expect(s.actualThrough).toBe('2026-05-31');
    expect(s.provisional).toBe(true);
    expect(s.binding!.utilisation!.times(100).toFixed(1)).toBe('28.7'); // 899.6 / 3,138.3
  });
  it('closed through June 30: known and final', () => {
    const s = categoryStatus(
      ctx({ ledger: ledgerOf(rows, [], { 'cloud-services': '2026-06-30' }) }),
      'cloud-services',
      '2026-06-30',
    );
    expect(s.actualThrough).toBe('2026-06-30');
    expect(s.provisional).toBe(false);
  });
  it('a 2027 category with no disclosure: unknown until a close, then known from the ledger', () => {
    const idc = { 'idc-services': [['2027-02-01', '1.0']] as const };
    const none = categoryStatus(ctx({ ledger: ledgerOf(idc) }), 'idc-services', '2027-02-28');
    expect(none.displayStatus).toBe('no-data');
    expect(none.actualThrough).toBeNull();
    const closed = categoryStatus(
      ctx({ ledger: ledgerOf(idc, [], { 'idc-services': '2027-01-31' }) }),
      'idc-services',
      '2027-02-28',
    );
    expect(closed.actualThrough).toBe('2027-01-31');
    expect(closed.provisional).toBe(true);
    expect(mil(closed.actual)).toBe('1.0');
  });
});
