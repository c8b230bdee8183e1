import { describe, expect, it } from 'vitest';
import { toDayNumber } from '../../../../src/domain/dates';
import { kingsoftCloudXiaomi2026 } from '../../../../src/domain/disclosed/kingsoftCloudXiaomi2026';
import { entryWarning, parseYuan, validateEntry } from '../../../../src/features/transactions/validate';
import { approved } from '../../domain/fixtures';

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

  it('a date outside the category term is not refused (it is stored and reported as uncapped); a bad date is', () => {
    // API services only from April 23, 2026 (the supplemental agreement): April 22 is valid input now.
    expect(validateEntry({ ...draft, categoryId: 'api-services', date: '2026-04-23' }, cats).ok).toBe(true);
    expect(validateEntry({ ...draft, categoryId: 'api-services', date: '2026-04-22' }, cats)).toMatchObject({
      ok: true,
      value: { day: toDayNumber('2026-04-22'), categoryId: 'api-services' },
    });
    expect(validateEntry({ ...draft, categoryId: 'idc-services', date: '2028-07-29' }, cats).ok).toBe(true);
    expect(validateEntry({ ...draft, date: '2026-02-30' }, cats)).toMatchObject({
      errors: { date: { key: 'errDateInvalid' } },
    });
  });

  it.each([
    // category, date, approvals, warning
    ['api-services', '2026-04-22', [], 'no-cap'], // before the term (and first cap) of April 23, 2026
    ['api-services', '2026-04-23', [], null],
    ['idc-services', '2028-07-28', [], 'cap-not-recorded'], // inside the term; the 2028 cap is not in this data
    ['idc-services', '2028-07-29', [], 'no-cap'], // after the term
    ['hardware-equipment', '2026-07-28', [], null], // the 6.7 cap for January 1 – July 28
    ['hardware-equipment', '2026-07-29', [], 'no-cap'], // the 1,000.0 revision awaits the AGM
    ['hardware-equipment', '2026-07-29', [approved('agm-2026-hardware-equipment', '2026-06-30')], null],
    ['cloud-services', '2026-02-30', [], null], // not a date: an error, not a warning
  ] as const)('%s on %s → %s', (categoryId, date, approvals, expected) => {
    const w = entryWarning(kingsoftCloudXiaomi2026, approvals, categoryId, date);
    expect(w?.capState ?? null).toBe(expected);
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
