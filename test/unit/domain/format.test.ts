import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDecimal,
  formatGrowth,
  formatIsoDate,
  formatMillions,
  formatMonth,
  formatPercent,
  formatRange,
  percentString,
} from '../../../src/domain/format';
import { m } from './fixtures';

describe('display formats: RMB million with one decimal and separators, percent to one decimal', () => {
  it.each([
    ['2,309.8', '2,309.8'],
    ['1000000', '1,000,000.0'],
    ['999.95', '1,000.0'],
    ['0.04', '0.0'],
    ['-0.3', '−0.3'],
    ['-0.04', '0.0'], // no "−0.0"
  ])('formatMillions(%s) = %s', (amount, text) => {
    expect(formatMillions(m(amount))).toBe(text);
  });

  it.each([
    ['0.976362', '97.6%'],
    ['0.2387', '23.9%'],
    ['1', '100.0%'],
    ['0.00049', '0.0%'],
    ['-0.0894', '−8.9%'],
  ])('formatPercent(%s) = %s', (f, text) => {
    expect(formatPercent(new Decimal(f))).toBe(text);
  });

  it('n/a for null or infinite fractions', () => {
    expect(formatPercent(null)).toBe('n/a');
    expect(formatPercent(new Decimal(Infinity))).toBe('n/a');
    expect(formatGrowth(null)).toBe('n/a');
    expect(percentString(null)).toBeNull();
    expect(percentString(new Decimal(Infinity))).toBeNull();
  });

  it.each([
    ['0.81380', '+81.4%'],
    ['0.77045', '+77.0%'],
    ['-0.25', '−25.0%'],
    ['0', '0.0%'],
    ['0.0004', '0.0%'], // rounds to zero: no sign
  ])('formatGrowth(%s) = %s', (f, text) => {
    expect(formatGrowth(new Decimal(f))).toBe(text);
  });

  it.each([
    ['0.81380', '81.4'],
    ['0.976362', '97.6'],
    ['-0.0894', '-8.9'],
    ['0.00049', '0.0'],
  ])('percentString(%s) = %s (machine form)', (f, text) => {
    expect(percentString(new Decimal(f))).toBe(text);
  });

  it('formatDecimal rounds half-up', () => {
    expect(formatDecimal(new Decimal('2419.65'))).toBe('2,419.7');
    expect(formatDecimal(new Decimal('1234.5678'), 2)).toBe('1,234.57');
  });

  it('dates in English and Chinese', () => {
    expect(formatDate('2026-04-23')).toBe('April 23, 2026');
    expect(formatDate('2026-04-23', 'zh')).toBe('2026年4月23日');
    expect(formatMonth('2025-07-29')).toBe('Jul 2025');
    expect(formatMonth('2025-07-29', 'zh')).toBe('2025年7月');
    expect(formatRange({ start: '2025-07-29', end: '2025-12-31' })).toBe('July 29, 2025 – December 31, 2025');
    expect(formatRange({ start: '2025-07-29', end: '2025-12-31' }, 'zh')).toBe('2025年7月29日至2025年12月31日');
  });
});

describe('dates in words through date-fns (en-GB and zh-CN month names)', () => {
  it.each([
    ['long', 'en', 'September 3, 2026'],
    ['long', 'zh', '2026年9月3日'],
    ['short', 'en', 'Sep 3, 2026'],
    ['shortNoYear', 'en', 'Sep 3'],
    ['shortNoYear', 'zh', '9月3日'],
    ['month', 'en', 'Sep 2026'],
    ['month', 'zh', '2026年9月'],
    ['monthName', 'en', 'Sep'],
    ['monthName', 'zh', '9月'],
  ] as const)('%s in %s', (pattern, locale, out) => {
    expect(formatIsoDate('2026-09-03', pattern, locale)).toBe(out);
  });

  it('a calendar day stays itself at the ends of the year and in a leap year', () => {
    expect(formatIsoDate('2025-12-31', 'long', 'en')).toBe('December 31, 2025');
    expect(formatIsoDate('2024-02-29', 'long', 'zh')).toBe('2024年2月29日');
    expect(formatIsoDate('2026-01-01', 'month', 'en')).toBe('Jan 2026');
  });
});
