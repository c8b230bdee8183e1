// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import {
  serialDateText,
  dayOf,
  excelSerialToDay,
  isoDayAt,
  lastAmountError,
  NO_DAY,
  numberToMinor,
  parseAmountMinor,
  readDate,
  type DateReading,
} from '../../../../src/domain/import/values';

function amount(text: string, unit: 'yuan' | 'thousand' | 'million' = 'yuan'): number | string {
  const v = parseAmountMinor(text, unit);
  return Number.isNaN(v) ? lastAmountError : v;
}

describe('parseAmountMinor', () => {
  it.each([
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['1,234,567.89', 123456789],
    ['  42 ', 4200],
    ['0.01', 1],
    ['.5', 50],
    ['5.', 500],
    ['+7.10', 710],
    ['1.230', 123], // trailing zeros add no precision
    ['¥1,234.56', 123456],
    ['￥1,234.56', 123456],
    ['RMB 1,234.56', 123456],
    ['rmb1234.56', 123456],
    ['CNY 1,234.56', 123456],
    ['1,234.56元', 123456],
    ['1234.56 RMB', 123456],
    ['人民币100', 10000],
    ['１，２３４．５６', 123456], // full-width digits and separators
  ])('%s → %d fen', (text, fen) => {
    expect(amount(text)).toBe(fen);
  });

  it.each([
    ['-1,234.56'],
    ['\u22121,234.56'], // − minus sign
    ['\u20131,234.56'], // – en dash
    ['\u20141,234.56'], // — em dash
    ['\ufe631,234.56'], // ﹣ small hyphen-minus
    ['\uff0d1,234.56'], // － full-width hyphen-minus
    ['(1,234.56)'],
    ['（1,234.56）'],
    ['(¥1,234.56)'],
    ['¥-1,234.56'],
    ['-¥1,234.56'],
    ['1,234.56-'], // SAP-style trailing minus
    ['RMB -1,234.56'],
  ])('%s is negative 1,234.56', (text) => {
    expect(amount(text)).toBe(-123456);
  });

  it('rejects more than two decimals of a yuan, after unit scaling', () => {
    expect(amount('1.234')).toBe('too-many-decimals');
    expect(amount('1.2345', 'thousand')).toBe(123450); // 1,234.5 yuan
    expect(amount('1.23456', 'thousand')).toBe(123456); // 1,234.56 yuan
    expect(amount('1.234567', 'thousand')).toBe('too-many-decimals'); // 1,234.567 yuan
    expect(amount('2,309.8', 'million')).toBe(230_980_000_000);
    expect(amount('0.00000001', 'million')).toBe(1); // 0.01 yuan
    expect(amount('0.000000001', 'million')).toBe('too-many-decimals');
  });

  it.each([
    ['12,34'],
    ['1234,567'],
    ['1,23,456'],
    ['1.2.3'],
    ['abc'],
    ['--5'],
    ['(-5)'],
    ['1.5e+3'],
    ['$5'],
    ['-'],
    ['()'],
    ['1 234'],
  ])('%s is not an amount', (text) => {
    expect(amount(text)).toBe('bad-amount');
  });

  it('reports empty cells and amounts too large to be exact', () => {
    expect(amount('')).toBe('empty');
    expect(amount('  ')).toBe('empty');
    expect(amount('123,456,789,012,345,678.00')).toBe('amount-too-large');
    expect(amount('90,071,992,547,409.93')).toBe('amount-too-large'); // past 2^53 fen
    expect(amount('90,071,992,547,409.91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('parses a range of a longer string without slicing', () => {
    const s = 'x,"1,234.56",y';
    expect(parseAmountMinor(s, 'yuan', 3, 11)).toBe(123456);
  });
});

describe('numberToMinor (numeric spreadsheet cells)', () => {
  it('takes the shortest decimal of the double', () => {
    expect(numberToMinor(1234.56, 'yuan')).toBe(123456);
    expect(numberToMinor(-0.01, 'yuan')).toBe(-1);
    expect(numberToMinor(1.2345, 'thousand')).toBe(123450);
  });

  it('accepts formula noise but not a real third decimal', () => {
    expect(numberToMinor(0.1 + 0.2, 'yuan')).toBe(30);
    expect(numberToMinor(1234.56 * 3, 'yuan')).toBe(370368);
    expect(Number.isNaN(numberToMinor(1.234, 'yuan'))).toBe(true);
    expect(lastAmountError).toBe('too-many-decimals');
    expect(Number.isNaN(numberToMinor(Number.NaN, 'yuan'))).toBe(true);
  });
});

describe('dates', () => {
  const r: DateReading = { dmy: 0, mdy: 0, ordered: false };
  const day = (iso: string) => toDayNumber(iso);
  const read = (text: string) => (readDate(text, r) ? { dmy: r.dmy, mdy: r.mdy, ordered: r.ordered } : null);

  it('dayOf matches dates.ts toDayNumber and rejects impossible dates', () => {
    expect(dayOf(2026, 4, 23)).toBe(day('2026-04-23'));
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(dayOf(2024, 2, 29)).toBe(day('2024-02-29'));
    expect(dayOf(2026, 2, 29)).toBe(NO_DAY);
    expect(dayOf(2100, 2, 29)).toBe(NO_DAY);
    expect(dayOf(2000, 2, 29)).toBe(day('2000-02-29'));
    expect(dayOf(2026, 13, 1)).toBe(NO_DAY);
  });

  it.each([
    ['2026-04-23'],
    ['2026/4/23'],
    ['2026.04.23'],
    ['2026-4-23'],
    ['20260423'],
    ['2026年4月23日'],
    ['2026 年 4 月 23 日'],
    ['２０２６年４月２３日'],
    ['2026-04-23 10:30:00'],
    ['2026-04-23T10:30:00Z'],
    ['2026/4/23 0:00'],
    ['23-Apr-2026'],
    ['23 April 2026'],
    ['Apr 23, 2026'],
    ['April 23rd 2026'],
    ['46135'],
    ['46135.5'],
  ])('%s is 2026-04-23 whatever the order', (text) => {
    expect(read(text)).toEqual({ dmy: day('2026-04-23'), mdy: day('2026-04-23'), ordered: false });
  });

  it('keeps both readings of a/b/yyyy dates', () => {
    expect(read('04/05/2026')).toEqual({ dmy: day('2026-05-04'), mdy: day('2026-04-05'), ordered: true });
    expect(read('23/04/2026')).toEqual({ dmy: day('2026-04-23'), mdy: NO_DAY, ordered: true });
    expect(read('04/23/2026')).toEqual({ dmy: NO_DAY, mdy: day('2026-04-23'), ordered: true });
    // Dotted dates are day first (DD.MM.YYYY, as SAP writes them): one reading only.
    expect(read('5.6.2026')).toEqual({ dmy: day('2026-06-05'), mdy: day('2026-06-05'), ordered: false });
    expect(read('31.12.2026')).toEqual({ dmy: day('2026-12-31'), mdy: day('2026-12-31'), ordered: false });
    expect(read('12.31.2026')).toBeNull();
    // Same both ways: not order-dependent.
    expect(read('04/04/2026')).toEqual({ dmy: day('2026-04-04'), mdy: day('2026-04-04'), ordered: false });
  });

  it.each([['2026-02-30'], ['13/13/2026'], ['yesterday'], ['7'], ['2026'], ['26/04/23'], ['']])(
    '%s is not a date',
    (text) => {
      expect(read(text)).toBeNull();
    },
  );

  it('converts Excel serials in both date systems (1900 leap-year bug included)', () => {
    expect(excelSerialToDay(46135)).toBe(day('2026-04-23'));
    expect(excelSerialToDay(25569)).toBe(0);
    expect(excelSerialToDay(61)).toBe(day('1900-03-01'));
    expect(excelSerialToDay(59)).toBe(day('1900-02-28'));
    expect(excelSerialToDay(1)).toBe(day('1900-01-01'));
    expect(excelSerialToDay(60)).toBe(NO_DAY); // the fictitious 1900-02-29
    expect(excelSerialToDay(0, true)).toBe(day('1904-01-01'));
    expect(excelSerialToDay(44673, true)).toBe(day('2026-04-23'));
  });

  it('isoDayAt reads only plain ISO dates inside a range', () => {
    const s = 'a,2026-04-23,b';
    expect(isoDayAt(s, 2, 12)).toBe(day('2026-04-23'));
    expect(isoDayAt('2026/04/23', 0, 10)).toBe(NO_DAY);
    expect(isoDayAt('2026-02-30', 0, 10)).toBe(NO_DAY);
    expect(isoDayAt('2026-4-23', 0, 9)).toBe(NO_DAY);
  });
});

describe('serialDateText (preview of spreadsheet date cells)', () => {
  it.each([
    ['46135', '2026-04-23'],
    ['45657', '2024-12-31'],
    ['46135.5', '2026-04-23'],
    ['2026', null],
    ['7', null],
    ['2026-04-23', null],
    ['', null],
  ])('%s → %s', (cell, expected) => {
    expect(serialDateText(cell)).toBe(expected);
  });
});
