import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { parseYuan, validateEntry } from '../../../../src/features/transactions/validate';

const cats = kingsoftCloudXiaomi2026.categories;
const draft = {
  date: '2026-05-10',
  categoryId: 'cloud-services',
  amount: '1,234.56',
  reference: ' INV-1 ',
  description: '',
};

describe('manual entry validation', () => {
  it.each([
    ['1,234.56', 123_456],
    ['-500', -50_000],
    ['−500.5', -50_050],
    ['¥ 12 345.60', 1_234_560],
    ['RMB 0.01', 1],
    ['１２３．４', 12_340],
    ['90071992547409.91', 9_007_199_254_740_991],
  ])('reads %j as %i fen', (text, fen) => {
    expect(parseYuan(text)).toEqual({ fen });
  });

  it.each([
    ['', 'errAmountRequired'],
    ['-', 'errAmountRequired'],
    ['1.234', 'errAmountDecimals'],
    ['12,34', 'errAmountFormat'],
    ['1e5', 'errAmountFormat'],
    ['abc', 'errAmountFormat'],
    ['0.00', 'errAmountZero'],
    ['90071992547409.92', 'errAmountTooLarge'],
  ])('rejects %j (%s)', (text, error) => {
    expect(parseYuan(text)).toEqual({ error });
  });

  it('accepts a valid entry and trims text', () => {
    expect(validateEntry(draft, cats)).toEqual({
      ok: true,
      value: {
        day: toDayNumber('2026-05-10'),
        categoryId: 'cloud-services',
        amountMinor: 123_456,
        reference: 'INV-1',
        description: '',
      },
    });
  });

  it('keeps dates inside the category term, ends included', () => {
    // API services only from April 23, 2026 (the supplemental agreement).
    expect(validateEntry({ ...draft, categoryId: 'api-services', date: '2026-04-23' }, cats).ok).toBe(true);
    const before = validateEntry({ ...draft, categoryId: 'api-services', date: '2026-04-22' }, cats);
    expect(before).toEqual({
      ok: false,
      errors: { date: { key: 'errDateOutsideTerm', vars: { start: '2026-04-23', end: '2027-12-31' } } },
    });
    // IDC runs to July 28, 2028.
    expect(validateEntry({ ...draft, categoryId: 'idc-services', date: '2028-07-28' }, cats).ok).toBe(true);
    expect(validateEntry({ ...draft, categoryId: 'idc-services', date: '2028-07-29' }, cats).ok).toBe(false);
    expect(validateEntry({ ...draft, date: '2026-02-30' }, cats)).toMatchObject({
      errors: { date: { key: 'errDateInvalid' } },
    });
  });

  it('requires a category and reports every bad field at once', () => {
    const v = validateEntry(
      { date: '', categoryId: '', amount: '1.005', reference: 'x'.repeat(101), description: '' },
      cats,
    );
    expect(v).toEqual({
      ok: false,
      errors: {
        categoryId: { key: 'errCategoryRequired' },
        date: { key: 'errDateRequired' },
        amount: { key: 'errAmountDecimals' },
        reference: { key: 'errReferenceLong', vars: { max: '100' } },
      },
    });
  });
});
