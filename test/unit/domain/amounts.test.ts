import { describe, expect, it } from 'vitest';
import { formatUnits, MINOR_DIGITS, unitsNumber, unitsPlain } from '../../../src/domain/amounts';
import { formatMinorWithCurrency } from '../../../src/domain/currency';
import { readDecimal } from '../../../src/domain/money';

describe('amounts in major units from minor units', () => {
  it('both currencies have a two-digit minor unit (fen, cents)', () => {
    expect(MINOR_DIGITS).toEqual({ RMB: 2, HKD: 2 });
  });

  it('plain text is exact for large and negative amounts (moved from the ledger export and entry form)', () => {
    expect(unitsPlain(-5)).toBe('-0.05');
    expect(unitsPlain(9_007_199_254_740_991)).toBe('90071992547409.91');
    expect(unitsPlain(0)).toBe('0.00');
    expect(unitsPlain(123_456)).toBe('1234.56');
    expect(unitsPlain(-50_000)).toBe('-500.00');
    // bigint beyond 2^53 stays exact: 12345678901234567890 fen = 123456789012345678.90 yuan.
    expect(unitsPlain(12_345_678_901_234_567_890n, 'HKD')).toBe('123456789012345678.90');
  });

  it('formatted text has thousands separators and a true minus sign', () => {
    expect(formatUnits(123_456)).toBe('1,234.56');
    expect(formatUnits(-500n)).toBe('−5.00');
    expect(formatUnits(5n, 'HKD')).toBe('0.05');
    expect(formatUnits(100_000_000_000n)).toBe('1,000,000,000.00');
  });

  it('a spreadsheet cell gets the double nearest the exact value', () => {
    expect(unitsNumber(123_456)).toBe(1234.56);
    expect(unitsNumber(-5)).toBe(-0.05);
  });

  it('labels with the currency use the same formatter', () => {
    expect(formatMinorWithCurrency(123_456n, 'RMB')).toBe('RMB 1,234.56');
    expect(formatMinorWithCurrency(5_000n, 'HKD', 'zh')).toBe('港币50.00元');
  });
});

describe('readDecimal: the one typed-amount pattern', () => {
  it('splits sign, integer and fraction, keeping trailing zeros', () => {
    expect(readDecimal(' -1,234.50 ')).toEqual({ ok: true, negative: true, int: '1234', frac: '50' });
    expect(readDecimal('2309.8')).toEqual({ ok: true, negative: false, int: '2309', frac: '8' });
    expect(readDecimal('0')).toEqual({ ok: true, negative: false, int: '0', frac: '' });
  });

  it('refuses commas that are not thousands separators, a bare point and other text', () => {
    for (const bad of ['2,5', '12,34,567', '1.', '.5', '1.2.3', '--1', '+1', '1e5', '', 'abc'])
      expect(readDecimal(bad)).toEqual({ ok: false });
  });
});
