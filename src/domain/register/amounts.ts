/** Register amounts: exact decimal strings in millions of the agreement's currency. */
import { fromMillions, fromUnits, MINOR_PER_MILLION, type Money, readDecimal } from '../money';

/** An exact amount as a canonical decimal string in millions ("2309.8", "0.0", "1.23456789"). */
export function canonicalMillions(m: Money): string {
  const neg = m < 0n;
  const abs = neg ? -m : m;
  const int = abs / MINOR_PER_MILLION;
  const frac = (abs % MINOR_PER_MILLION).toString().padStart(8, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}.${frac || '0'}`;
}

/** How the user typed an amount: in millions (≤ 1 decimal, as disclosed) or exact in units (≤ 2 decimals). */
export type AmountUnit = 'millions' | 'exact';

export type AmountEntry =
  | { ok: true; amount: string }
  | { ok: false; code: 'required' | 'bad-amount' | 'negative' | 'too-many-decimals'; max: number };

/**
 * Parses an amount typed in a form: "2,309.8" in millions, or "1,234,567.89"
 * exact. Thousands separators allowed; the result is the canonical millions string.
 */
export function parseAmountEntry(text: string, unit: AmountUnit): AmountEntry {
  const t = text.trim();
  const max = unit === 'millions' ? 1 : 2;
  if (!t) return { ok: false, code: 'required', max };
  const read = readDecimal(t);
  if (!read.ok) return { ok: false, code: 'bad-amount', max };
  if (read.negative && /[1-9]/.test(read.int + read.frac)) return { ok: false, code: 'negative', max };
  if (read.frac.length > max) return { ok: false, code: 'too-many-decimals', max };
  const m = unit === 'millions' ? fromMillions(t.replace(/^-/, '')) : fromUnits(t.replace(/^-/, ''));
  return { ok: true, amount: canonicalMillions(m) };
}

/** The stored amount as Money; throws on a malformed string (validated documents never have one). */
export function amountOf(text: string): Money {
  return fromMillions(text);
}
