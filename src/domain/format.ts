import { format as formatWith } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { zhCN } from 'date-fns/locale/zh-CN';
import Decimal from 'decimal.js';
import { type IsoDate, toLocalDate } from './dates';
import { type Money, toMillionsDecimal, toUnitsDecimal } from './money';
import { signKeepingRound, statePercent } from './state';

/** Display language of the app. */
export type Locale = 'en' | 'zh';

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A Decimal rounded half-up to `decimals`, with thousands separators ("2,309.8", "-0.5"). */
export function formatDecimal(d: Decimal, decimals = 1): string {
  const fixed = d.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [i, f] = fixed.replace('-', '').split('.');
  return `${negative ? '−' : ''}${group(i!)}${f ? `.${f}` : ''}`;
}

/** Money in millions with one decimal and thousands separators: 2,309.8. */
export function formatMillions(m: Money, decimals = 1): string {
  return formatDecimal(toMillionsDecimal(m), decimals);
}

/** A fraction as a percentage with one decimal: 0.97636 → "97.6%". */
export function formatPercent(fraction: Decimal | null, decimals = 1): string {
  if (fraction === null || !fraction.isFinite()) return 'n/a';
  return `${formatDecimal(fraction.times(100), decimals)}%`;
}

/** A growth fraction with an explicit sign: 0.814 → "+81.4%". */
export function formatGrowth(fraction: Decimal | null, decimals = 1): string {
  if (fraction === null || !fraction.isFinite()) return 'n/a';
  const text = formatPercent(fraction, decimals);
  return fraction.gt(0) && !text.startsWith('0.0') ? `+${text}` : text;
}

/** A fraction as percent with one decimal, no sign or unit ("97.6"); null stays null. For machine output. */
export function percentString(fraction: Decimal | null, decimals = 1): string | null {
  if (fraction === null || !fraction.isFinite()) return null;
  return fraction.times(100).toFixed(decimals, Decimal.ROUND_HALF_UP);
}

/**
 * Date patterns per language (date-fns tokens; month names come from the
 * date-fns en-GB and zh-CN locales). English keeps the month-first order the
 * announcement uses ("April 23, 2026").
 */
const PATTERNS = {
  long: { en: 'MMMM d, yyyy', zh: "yyyy'年'M'月'd'日'" },
  short: { en: 'MMM d, yyyy', zh: "yyyy'年'M'月'd'日'" },
  shortNoYear: { en: 'MMM d', zh: "M'月'd'日'" },
  month: { en: 'MMM yyyy', zh: "yyyy'年'M'月'" },
  monthName: { en: 'MMM', zh: "M'月'" },
} as const;

export type DatePattern = keyof typeof PATTERNS;

const DATE_LOCALE = { en: enGB, zh: zhCN } as const;

/**
 * Dates already in words. date-fns reads its pattern on every call, and an as-of change
 * re-words the same few dozen dates on every card and link (a tenth of its render).
 */
const formatted = new Map<string, string>();

/**
 * A calendar date in words, in one of the app's patterns: long "April 23, 2026" /
 * "2026年4月23日", short "Apr 23, 2026", shortNoYear "Apr 23", month "Apr 2026" /
 * "2026年4月", monthName "Apr" / "4月". The day is formatted as a calendar day,
 * whatever the time zone.
 */
export function formatIsoDate(d: IsoDate, pattern: DatePattern, locale: Locale = 'en'): string {
  const key = `${d}${pattern}${locale}`;
  let text = formatted.get(key);
  if (text === undefined) {
    // Bounded: a screen shows a few hundred distinct dates; a long session must not grow it forever.
    if (formatted.size >= 5000) formatted.clear();
    text = formatWith(toLocalDate(d), PATTERNS[pattern][locale], { locale: DATE_LOCALE[locale] });
    formatted.set(key, text);
  }
  return text;
}

/** "April 23, 2026" / "2026年4月23日". */
export function formatDate(d: IsoDate, locale: Locale = 'en'): string {
  return formatIsoDate(d, 'long', locale);
}

/** "Apr 2026" / "2026年4月". */
export function formatMonth(d: IsoDate, locale: Locale = 'en'): string {
  return formatIsoDate(d, 'month', locale);
}

/** An inclusive range: "January 1 – April 23, 2026" style, both ends shown. */
export function formatRange(r: { start: IsoDate; end: IsoDate }, locale: Locale = 'en'): string {
  return locale === 'zh'
    ? `${formatDate(r.start, 'zh')}至${formatDate(r.end, 'zh')}`
    : `${formatDate(r.start)} – ${formatDate(r.end)}`;
}

/**
 * Utilisation (a fraction of the cap) as a percent with one decimal that never
 * contradicts the state: 79.96% under an 80% threshold shows "79.9%", 100.004%
 * shows "100.1%" (see statePercent). "n/a" when unknown.
 */
export function formatUtilisation(fraction: Decimal | null, threshold: Decimal, decimals = 1): string {
  const p = utilisationString(fraction, threshold, decimals);
  return p === null ? 'n/a' : `${formatDecimal(new Decimal(p), decimals)}%`;
}

/** The same figure for machine output ("79.9"); null when unknown. */
export function utilisationString(fraction: Decimal | null, threshold: Decimal, decimals = 1): string | null {
  if (fraction === null || !fraction.isFinite()) return null;
  return statePercent(fraction.times(100), threshold.times(100), decimals).toFixed(decimals);
}

/** Headroom in millions that keeps its sign: one fen over the cap is "−0.1", never "0.0". */
export function formatHeadroom(m: Money, decimals = 1): string {
  return formatDecimal(signKeepingRound(toMillionsDecimal(m), decimals), decimals);
}

/** Headroom in millions for machine output ("-0.1"). */
export function headroomString(m: Money, decimals = 1): string {
  return signKeepingRound(toMillionsDecimal(m), decimals).toFixed(decimals);
}

/** Exact amount in units of its currency (yuan, HK dollars) with two decimals: "749100000.00". */
export function exactUnitsString(m: Money): string {
  return toUnitsDecimal(m).toFixed(2);
}
