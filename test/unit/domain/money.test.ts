import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  add,
  ceilTo,
  compare,
  fromMillions,
  fromMillionsDecimal,
  fromUnits,
  max,
  money,
  negate,
  ratio,
  scale,
  sub,
  sum,
  toMillionsDecimal,
  toMillionsString,
  toUnitsDecimal,
} from '../../../src/domain/money';

describe('fromMillions: exact parsing of disclosed amounts (RMB million → fen)', () => {
  it.each([
    ['2,309.8', 230_980_000_000n],
    ['2309.8', 230_980_000_000n],
    ['1,273.8', 127_380_000_000n],
    ['749.1', 74_910_000_000n],
    ['0.0', 0n],
    ['6.7', 670_000_000n],
    ['4,000.0', 400_000_000_000n],
    ['1,000,000.5', 100_000_050_000_000n],
    [' 82 ', 8_200_000_000n],
    ['-0.5', -50_000_000n],
    ['0.00000001', 1n],
    // 0.1 + 0.2 is 0.30000000000000004 in floats: parsing must not go near a float.
    ['0.3', 30_000_000n],
    ['12345678901234.56789012', 1_234_567_890_123_456_789_012n],
  ])('"%s" → %s minor units', (text, minor) => {
    expect(fromMillions(text)).toBe(minor);
  });

  it.each([
    ['', /Not a decimal/],
    ['abc', /Not a decimal/],
    ['1.2.3', /Not a decimal/],
    ['1e3', /Not a decimal/],
    ['.5', /Not a decimal/],
    ['1.', /Not a decimal/],
    // Beyond one fen: 0.000000001 million is a tenth of a fen.
    ['0.000000001', /more than 8 decimals/],
    // Misplaced separators are not thousands separators: "2,5" may be a European 2.5.
    ['2,5', /Not a decimal/],
    ['2,30,9.8', /Not a decimal/],
    ['1,0000', /Not a decimal/],
    [',100', /Not a decimal/],
    ['100,', /Not a decimal/],
    ['1,000.000,1', /Not a decimal/],
  ])('rejects "%s"', (text, message) => {
    expect(() => fromMillions(text)).toThrow(message);
  });
});

describe('fromUnits: yuan with at most two decimals', () => {
  it.each([
    ['1234.56', 123_456n],
    ['1,234.56', 123_456n],
    ['-0.01', -1n],
    ['7', 700n],
  ])('"%s" → %s fen', (text, minor) => {
    expect(fromUnits(text)).toBe(minor);
  });

  it('rejects a third decimal rather than rounding it away', () => {
    expect(() => fromUnits('1.005')).toThrow(/more than 2 decimals/);
  });
});

describe('exact bigint arithmetic', () => {
  it('adds tenths of a million without float drift', () => {
    // Ten times 0.1 million is exactly 1.0 million (floats give 0.9999999999999999).
    const tenth = fromMillions('0.1');
    expect(sum(Array.from({ length: 10 }, () => tenth))).toBe(fromMillions('1.0'));
    expect(add(fromMillions('0.1'), fromMillions('0.2'))).toBe(fromMillions('0.3'));
  });

  it.each([
    ['3,138.3', '749.1', '2,389.2'],
    ['6.7', '7.0', '-0.3'],
  ])('%s − %s = %s', (a, b, c) => {
    expect(sub(fromMillions(a), fromMillions(b))).toBe(fromMillions(c));
  });

  it('compare, max, negate', () => {
    expect(compare(fromMillions('1'), fromMillions('2'))).toBe(-1);
    expect(compare(fromMillions('2'), fromMillions('2'))).toBe(0);
    expect(compare(fromMillions('3'), fromMillions('2'))).toBe(1);
    expect(max(fromMillions('1'), fromMillions('2'))).toBe(fromMillions('2'));
    expect(negate(fromMillions('1.5'))).toBe(fromMillions('-1.5'));
  });

  it('money() accepts only safe integers', () => {
    expect(money(12)).toBe(12n);
    expect(() => money(1.5)).toThrow(RangeError);
    expect(() => money(2 ** 53)).toThrow(RangeError);
  });
});

describe('conversions and rounding (half-up)', () => {
  it.each([
    // minor units, decimals, expected string
    [230_980_000_000n, 1, '2309.8'],
    [241_965_000_000n, 1, '2419.7'], // x.x5 rounds up
    [241_964_999_999n, 1, '2419.6'],
    [-5_000_000n, 1, '-0.1'], // -0.05 rounds half away from zero
    [0n, 1, '0.0'],
    [1n, 8, '0.00000001'],
    [123_456_789n, 2, '1.23'],
  ])('toMillionsString(%s, %s) = %s', (minor, decimals, text) => {
    expect(toMillionsString(money(minor), decimals)).toBe(text);
  });

  it('toMillionsDecimal / toUnitsDecimal are exact', () => {
    expect(toMillionsDecimal(fromMillions('2,255.2')).toString()).toBe('2255.2');
    expect(toUnitsDecimal(fromUnits('1234.56')).toString()).toBe('1234.56');
  });

  it('fromMillionsDecimal rounds half-up to the fen', () => {
    expect(fromMillionsDecimal(new Decimal('0.000000005'))).toBe(1n);
    expect(fromMillionsDecimal(new Decimal('0.0000000049'))).toBe(0n);
  });

  it('ratio is exact and null for a zero denominator', () => {
    expect(ratio(fromMillions('2,255.2'), fromMillions('2,309.8'))!.toFixed(6)).toBe('0.976362');
    expect(ratio(fromMillions('1'), fromMillions('0'))).toBeNull();
  });

  it.each([
    ['3,138.3', '0.8', '2,510.64'],
    ['6.7', '0.8', '5.36'],
    ['0.00000003', '0.5', '0.00000002'], // 1.5 fen → 2 fen (half-up)
  ])('scale(%s, %s) = %s', (a, f, c) => {
    expect(scale(fromMillions(a), new Decimal(f))).toBe(fromMillions(c));
  });

  it.each([
    [0n, 10n, 0n],
    [1n, 10n, 10n],
    [10n, 10n, 10n],
    [11n, 10n, 20n],
    [-15n, 10n, -10n], // ceiling, towards +∞
  ])('ceilTo(%s, %s) = %s', (a, step, c) => {
    expect(ceilTo(money(a), step)).toBe(c);
  });
});
