import { describe, expect, it } from 'vitest';
import {
  addDays,
  contains,
  daysInclusive,
  daysInMonth,
  endOfMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  lastHalfYearEnd,
  monthsInRange,
  parseIsoDate,
  priorYearSpan,
  shiftYears,
  startOfMonth,
  toDayNumber,
  todayIso,
} from '../../../src/domain/dates';

describe('isIsoDate / parseIsoDate', () => {
  it.each(['2026-04-23', '2028-02-29', '2000-02-29', '2026-12-31', '1900-01-01'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
    expect(parseIsoDate(d)).toBe(d);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2100-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-4-23',
    '26-04-23',
    '2026/04/23',
    'tomorrow',
    '',
    '2026-04-23T00:00:00Z',
    ' 2026-04-23',
  ])('rejects %j', (d) => {
    expect(isIsoDate(d)).toBe(false);
    expect(() => parseIsoDate(d)).toThrow(/Not a valid date/);
  });
});

describe('leap years', () => {
  it.each([
    [2024, true],
    [2025, false],
    [2026, false],
    [2028, true],
    [2000, true],
    [1900, false],
    [2100, false],
  ])('%i leap: %s', (y, leap) => {
    expect(isLeapYear(y)).toBe(leap);
    expect(daysInMonth(y, 2)).toBe(leap ? 29 : 28);
    expect(daysInclusive({ start: `${y}-01-01`, end: `${y}-12-31` })).toBe(leap ? 366 : 365);
  });
});

describe('inclusive ranges', () => {
  it.each([
    // range, days (both ends counted)
    [{ start: '2026-04-23', end: '2026-04-23' }, 1],
    [{ start: '2026-01-01', end: '2026-04-23' }, 113],
    [{ start: '2025-01-01', end: '2025-04-23' }, 113],
    [{ start: '2028-01-01', end: '2028-04-23' }, 114],
    [{ start: '2025-07-29', end: '2025-12-31' }, 156],
    [{ start: '2026-01-01', end: '2026-07-28' }, 209],
    [{ start: '2026-04-23', end: '2026-12-31' }, 253],
    [{ start: '2025-07-29', end: '2028-07-28' }, 1096],
  ])('daysInclusive(%j) = %i', (range, days) => {
    expect(daysInclusive(range)).toBe(days);
  });

  it.each([
    ['2025-07-28', false],
    ['2025-07-29', true],
    ['2025-10-01', true],
    ['2025-12-31', true],
    ['2026-01-01', false],
  ])('Jul 29 – Dec 31, 2025 contains %s: %s', (d, inside) => {
    expect(contains({ start: '2025-07-29', end: '2025-12-31' }, d)).toBe(inside);
  });

  it('day numbers round-trip across month, year and leap-day boundaries', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2028-02-29'))).toBe('2028-02-29');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(toDayNumber('2026-04-23') - toDayNumber('2026-01-01')).toBe(112);
  });
});

describe('shiftYears / priorYearSpan', () => {
  it.each([
    ['2026-04-23', -1, '2025-04-23'],
    ['2028-02-29', -1, '2027-02-28'],
    ['2028-02-29', -4, '2024-02-29'],
    ['2028-02-29', 1, '2029-02-28'],
    ['2027-02-28', 1, '2028-02-28'],
    ['2026-12-31', -1, '2025-12-31'],
  ])('shiftYears(%s, %i) = %s', (d, years, out) => {
    expect(shiftYears(d, years)).toBe(out);
  });

  it.each([
    [
      { start: '2026-01-01', end: '2026-04-23' },
      { start: '2025-01-01', end: '2025-04-23' },
    ],
    [
      { start: '2028-01-01', end: '2028-02-29' },
      { start: '2027-01-01', end: '2027-02-28' },
    ],
    [
      { start: '2028-02-29', end: '2028-12-31' },
      { start: '2027-02-28', end: '2027-12-31' },
    ],
    [
      { start: '2026-01-01', end: '2026-07-28' },
      { start: '2025-01-01', end: '2025-07-28' },
    ],
    [
      { start: '2025-07-29', end: '2025-12-31' },
      { start: '2024-07-29', end: '2024-12-31' },
    ],
  ])('priorYearSpan(%j) = %j', (range, prior) => {
    expect(priorYearSpan(range)).toEqual(prior);
  });

  it('the prior span of a leap-year span never gains a day (2028 → 2027 loses Feb 29)', () => {
    const span = { start: '2028-01-01', end: '2028-12-31' };
    expect(daysInclusive(span)).toBe(366);
    expect(daysInclusive(priorYearSpan(span))).toBe(365);
  });
});

describe('monthsInRange', () => {
  it('clips the first and last months of a non-calendar period (Jul 29 – Dec 31, 2025)', () => {
    expect(monthsInRange({ start: '2025-07-29', end: '2025-12-31' })).toEqual([
      { start: '2025-07-29', end: '2025-07-31' },
      { start: '2025-08-01', end: '2025-08-31' },
      { start: '2025-09-01', end: '2025-09-30' },
      { start: '2025-10-01', end: '2025-10-31' },
      { start: '2025-11-01', end: '2025-11-30' },
      { start: '2025-12-01', end: '2025-12-31' },
    ]);
  });

  it('ends inside a month (Jan 1 – Jul 28, 2026) and covers every day exactly once', () => {
    const months = monthsInRange({ start: '2026-01-01', end: '2026-07-28' });
    expect(months).toHaveLength(7);
    expect(months[6]).toEqual({ start: '2026-07-01', end: '2026-07-28' });
    expect(months.reduce((n, r) => n + daysInclusive(r), 0)).toBe(209);
  });

  it.each([
    [{ start: '2028-02-01', end: '2028-02-29' }, [{ start: '2028-02-01', end: '2028-02-29' }]],
    [{ start: '2026-04-23', end: '2026-04-23' }, [{ start: '2026-04-23', end: '2026-04-23' }]],
    [{ start: '2026-05-01', end: '2026-04-30' }, []],
    [
      { start: '2026-12-15', end: '2027-01-10' },
      [
        { start: '2026-12-15', end: '2026-12-31' },
        { start: '2027-01-01', end: '2027-01-10' },
      ],
    ],
  ])('monthsInRange(%j)', (range, months) => {
    expect(monthsInRange(range)).toEqual(months);
  });
});

describe('month and half-year helpers', () => {
  it.each([
    ['2028-02-10', '2028-02-01', '2028-02-29'],
    ['2027-02-10', '2027-02-01', '2027-02-28'],
    ['2026-07-29', '2026-07-01', '2026-07-31'],
  ])('month of %s is %s..%s', (d, start, end) => {
    expect(startOfMonth(d)).toBe(start);
    expect(endOfMonth(d)).toBe(end);
  });

  it.each([
    ['2026-04-23', '2025-12-31'],
    ['2026-06-29', '2025-12-31'],
    ['2026-06-30', '2026-06-30'],
    ['2026-12-30', '2026-06-30'],
    ['2026-12-31', '2026-12-31'],
  ])('lastHalfYearEnd(%s) = %s', (d, out) => {
    expect(lastHalfYearEnd(d)).toBe(out);
  });

  it('todayIso uses the local calendar date of the given instant', () => {
    expect(todayIso(new Date(2026, 3, 23, 23, 59))).toBe('2026-04-23');
  });
});
