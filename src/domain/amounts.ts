/**
 * Amounts as text, one function per unit: minor units (fen, cents) shown in
 * major units with the currency's decimals. Millions are formatted by
 * `formatMillions` (format.ts); typed amounts are read by `readDecimal`
 * (money.ts).
 * Pure: no React or storage.
 */
import Decimal from 'decimal.js';
import { formatDecimal } from './format';
import type { CurrencyCode } from './model';

/** Decimal places of each currency's minor unit: fen for RMB, cents for HK$. */
export const MINOR_DIGITS: Readonly<Record<CurrencyCode, number>> = { RMB: 2, HKD: 2 };

const POW10 = [1, 10, 100, 1000];

/** Minor units as an exact Decimal in major units (yuan, dollars): 123456 fen → 1234.56. */
export function unitsDecimal(minor: bigint | number, currency: CurrencyCode = 'RMB'): Decimal {
  return new Decimal(minor.toString()).div(POW10[MINOR_DIGITS[currency]]!);
}

/**
 * Minor units in major units with the currency's decimals and thousands
 * separators, for reading: 123456 → "1,234.56", -500 → "−5.00".
 */
export function formatUnits(minor: bigint | number, currency: CurrencyCode = 'RMB'): string {
  return formatDecimal(unitsDecimal(minor, currency), MINOR_DIGITS[currency]);
}

/**
 * Minor units in major units as a plain decimal, for a form field or a CSV
 * cell: -50000 → "-500.00", -5 → "-0.05". Exact: integer arithmetic only,
 * cheap enough for a million-row export.
 */
export function unitsPlain(minor: bigint | number, currency: CurrencyCode = 'RMB'): string {
  const digits = MINOR_DIGITS[currency];
  const text = (minor < 0 ? -minor : minor).toString().padStart(digits + 1, '0');
  const cut = text.length - digits;
  return `${minor < 0 ? '-' : ''}${text.slice(0, cut)}.${text.slice(cut)}`;
}

/**
 * Minor units as the double nearest the exact major-unit value (a numeric
 * spreadsheet cell: what a typed 1234.56 would be). |minor| < 2^53.
 */
export function unitsNumber(minor: number, currency: CurrencyCode = 'RMB'): number {
  return minor / POW10[MINOR_DIGITS[currency]]!;
}
