/**
 * Cell values of ledger files: amounts (to integer fen) and dates (to day
 * numbers). Hot path for a million rows, so these work on char codes and
 * return numbers or small codes instead of allocating result objects.
 */
import { fromDayNumber } from '../dates';
import type { AmountUnit } from './types';

// ---------------------------------------------------------------- amounts

/** Decimal places of a yuan amount in minor units (fen) per unit of the file. */
const UNIT_EXPONENT: Readonly<Record<AmountUnit, number>> = { yuan: 2, thousand: 5, million: 8 };
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Why an amount cell was rejected (returned as NaN + `lastAmountError`). */
export type AmountProblem = 'empty' | 'bad-amount' | 'too-many-decimals' | 'amount-too-large';

/** Reason of the last `parseAmountMinor` NaN result (avoids allocating a result object per cell). */
export let lastAmountError: AmountProblem = 'bad-amount';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || c === 0x202f || c === 0x2007 || c === 10 || c === 13;
}

/** Minus signs finance exports use: hyphen-minus, −, –, —, ﹣, －, ‐, ‒. */
function isMinus(c: number): boolean {
  return (
    c === 45 ||
    c === 0x2212 ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0xfe63 ||
    c === 0xff0d ||
    c === 0x2010 ||
    c === 0x2012
  );
}

/**
 * Length of a currency mark starting at `i` (¥ ￥ RMB CNY 元 人民币), else 0.
 * Letters are matched case-insensitively.
 */
function currencyMarkAt(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  if (c === 0xa5 || c === 0xffe5 || c === 0x5143 /* 元 */) return 1;
  if (c === 0x4eba /* 人 */ && end - i >= 3 && s.charCodeAt(i + 1) === 0x6c11 && s.charCodeAt(i + 2) === 0x5e01)
    return 3;
  if (end - i >= 3) {
    const a = s.charCodeAt(i) | 32;
    const b = s.charCodeAt(i + 1) | 32;
    const d = s.charCodeAt(i + 2) | 32;
    if ((a === 114 && b === 109 && d === 98) || (a === 99 && b === 110 && d === 121)) return 3; // rmb / cny
  }
  return 0;
}

/**
 * Parses an amount cell to integer minor units (fen), exactly.
 *
 * Accepts thousands separators (groups of three), a leading or trailing minus
 * of any kind, (1,234.56) or （1,234.56） as negative, a leading +, and the
 * marks ¥ ￥ RMB CNY 元 人民币 before or after the number. The number is in
 * `unit` (yuan, thousand or million yuan); after scaling to yuan it may have
 * at most two decimals (trailing zeros do not count: "1.230" is 1.23). Returns
 * NaN on failure and sets `lastAmountError`. Result |x| < 2^53.
 */
export function parseAmountMinor(s: string, unit: AmountUnit, from = 0, to = s.length): number {
  let i = from;
  let end = to;
  let negative = false;
  let signs = 0;
  // Peel whitespace, currency marks, signs and parentheses from both ends.
  for (;;) {
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
    if (i >= end) break;
    const c = s.charCodeAt(i);
    const z = s.charCodeAt(end - 1);
    if ((c === 40 && z === 41) || (c === 0xff08 && z === 0xff09)) {
      negative = !negative;
      signs++;
      i++;
      end--;
      continue;
    }
    if (isMinus(c)) {
      negative = !negative;
      signs++;
      i++;
      continue;
    }
    if (c === 43) {
      signs++;
      i++;
      continue;
    }
    if (isMinus(z) && end - 1 > i) {
      negative = !negative;
      signs++;
      end--;
      continue;
    }
    const m = currencyMarkAt(s, i, end);
    if (m) {
      i += m;
      continue;
    }
    // Marks at the end: 元 / RMB / CNY / 人民币.
    if (z === 0x5143) {
      end--;
      continue;
    }
    if (end - i >= 3 && currencyMarkAt(s, end - 3, end) === 3) {
      end -= 3;
      continue;
    }
    break;
  }
  if (i >= end) {
    lastAmountError = signs ? 'bad-amount' : 'empty';
    return NaN;
  }
  if (signs > 1) {
    lastAmountError = 'bad-amount';
    return NaN;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1; // -1: no decimal point seen
  let groupLen = -1; // digits since the last thousands separator, -1 when none seen
  let intDigits = 0;
  for (let k = i; k < end; k++) {
    let c = s.charCodeAt(k);
    if (c >= 0xff10 && c <= 0xff19) c -= 0xfee0; // full-width digits
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      if (mantissa > 0 || decimals >= 0) digits++;
      if (decimals >= 0) decimals++;
      else {
        intDigits++;
        if (groupLen >= 0) groupLen++;
      }
      continue;
    }
    if ((c === 44 || c === 0xff0c) && decimals < 0) {
      // A thousands separator must follow 1-3 digits, then groups of exactly three.
      if (intDigits === 0 || (groupLen >= 0 && groupLen !== 3) || (groupLen < 0 && intDigits > 3)) {
        lastAmountError = 'bad-amount';
        return NaN;
      }
      groupLen = 0;
      continue;
    }
    if ((c === 46 || c === 0xff0e) && decimals < 0) {
      if (groupLen >= 0 && groupLen !== 3) {
        lastAmountError = 'bad-amount';
        return NaN;
      }
      decimals = 0;
      groupLen = -1;
      continue;
    }
    lastAmountError = 'bad-amount';
    return NaN;
  }
  if ((groupLen >= 0 && groupLen !== 3) || (intDigits === 0 && decimals <= 0)) {
    lastAmountError = 'bad-amount';
    return NaN;
  }
  if (digits > 16 || !Number.isSafeInteger(mantissa)) {
    lastAmountError = 'amount-too-large';
    return NaN;
  }
  let dec = decimals < 0 ? 0 : decimals;
  // Trailing zeros after the point add no precision ("1.230" = 1.23).
  while (dec > 0 && mantissa % 10 === 0) {
    mantissa /= 10;
    dec--;
  }
  const e = UNIT_EXPONENT[unit];
  if (dec > e) {
    lastAmountError = 'too-many-decimals';
    return NaN;
  }
  const minor = mantissa * POW10[e - dec]!;
  if (!Number.isSafeInteger(minor)) {
    lastAmountError = 'amount-too-large';
    return NaN;
  }
  return negative && minor !== 0 ? -minor : minor;
}

/**
 * Amount from a numeric spreadsheet cell. The shortest round-trip decimal of
 * the double is what Excel shows, so it is parsed as text; exponent forms
 * (1e-7, 1.5e+21) are rejected rather than guessed.
 */
export function numberToMinor(v: number, unit: AmountUnit): number {
  if (!Number.isFinite(v)) {
    lastAmountError = 'bad-amount';
    return NaN;
  }
  const exact = parseAmountMinor(String(v), unit);
  if (!Number.isNaN(exact) || (lastAmountError !== 'too-many-decimals' && lastAmountError !== 'amount-too-large'))
    return exact;
  const why = lastAmountError;
  // Binary floating-point noise from a formula (=0.1+0.2 → 0.30000000000000004):
  // Excel shows the rounded value, so accept it when the difference is noise
  // (below one part in 10^12); a real 1.234 yuan is still refused.
  const scaled = v * POW10[UNIT_EXPONENT[unit]]!;
  const rounded = Math.round(scaled);
  if (
    Number.isSafeInteger(rounded) &&
    Math.abs(rounded) < 2 ** 50 &&
    Math.abs(scaled - rounded) <= Math.max(1, Math.abs(scaled)) * 1e-12
  ) {
    return rounded === 0 ? 0 : rounded;
  }
  lastAmountError = why;
  return NaN;
}

// ---------------------------------------------------------------- dates

/** Marker for "not a date". Day numbers of real dates are far from it. */
export const NO_DAY = -2147483648;

/** Excel serial of 1970-01-01 in the 1900 date system. */
const EXCEL_EPOCH_1900 = 25569;
/** Days between the 1900 and 1904 date systems. */
const EXCEL_1904_OFFSET = 1462;

function validYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const dim =
    m === 2
      ? (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
        ? 29
        : 28
      : m === 4 || m === 6 || m === 9 || m === 11
        ? 30
        : 31;
  return d <= dim;
}

/** Day number (days since 1970-01-01) of a calendar date, or NO_DAY if invalid. */
export function dayOf(y: number, m: number, d: number): number {
  if (!validYmd(y, m, d)) return NO_DAY;
  // Days from the civil calendar (H. Hinnant's algorithm): pure integer
  // arithmetic, several times faster than Date.UTC on the hot path.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Day number of an Excel serial date (fractions = time of day, ignored).
 * 1900 system: serial 1 = 1900-01-01 and the fictitious 1900-02-29 (60) is
 * rejected; 1904 system: serial 0 = 1904-01-01.
 */
export function excelSerialToDay(serial: number, date1904 = false): number {
  if (!Number.isFinite(serial) || serial < 0) return NO_DAY;
  const whole = Math.floor(serial);
  if (date1904) return whole + EXCEL_1904_OFFSET - EXCEL_EPOCH_1900;
  if (whole < 1 || whole === 60) return NO_DAY;
  // Serials before the fake leap day are one day "late" relative to the rest.
  return whole < 60 ? whole - EXCEL_EPOCH_1900 + 1 : whole - EXCEL_EPOCH_1900;
}

/**
 * Parsed date cell. For day-first/month-first forms (4/5/2026) both readings
 * are kept so the order can be decided over the whole file.
 */
export interface DateReading {
  /** Day number under day-first reading (or the only reading), NO_DAY if invalid. */
  dmy: number;
  /** Day number under month-first reading (or the only reading), NO_DAY if invalid. */
  mdy: number;
  /** True when the text is of the order-dependent a/b/yyyy form. */
  ordered: boolean;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const YMD_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const AB_Y_RE = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_RE = /^\d{1,5}(\.\d+)?$/;
const D_MON_Y_RE = /^(\d{1,2})[\s\-/.]*([a-z]{3,9})\.?[\s\-/.,]*(\d{4})$/;
const MON_D_Y_RE = /^([a-z]{3,9})\.?\s*(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})$/;
// Time of day after the date ("2026-04-23 10:30:00", "2026-04-23T10:30").
const TIME_RE = /(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/**
 * Day number of a plain ISO date (YYYY-MM-DD, exactly 10 characters) in
 * s[from, to), or NO_DAY when the range is anything else. The fast path for
 * the common case; everything else goes through `readDate`.
 */
export function isoDayAt(s: string, from: number, to: number): number {
  if (to - from !== 10 || s.charCodeAt(from + 4) !== 45 || s.charCodeAt(from + 7) !== 45) return NO_DAY;
  let y = 0;
  for (let k = from; k < from + 4; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return NO_DAY;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(from + 5) - 48;
  const m2 = s.charCodeAt(from + 6) - 48;
  const d1 = s.charCodeAt(from + 8) - 48;
  const d2 = s.charCodeAt(from + 9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return NO_DAY;
  return dayOf(y, m1 * 10 + m2, d1 * 10 + d2);
}

/**
 * The calendar date an Excel serial in a cell stands for ("46135" → "2026-04-23"),
 * or null when the cell is not a plausible serial (years 1950–2150). For showing
 * what a spreadsheet's date cells mean before the import reads them.
 */
export function serialDateText(text: string): string | null {
  const s = text.trim();
  if (!SERIAL_RE.test(s)) return null;
  const reading: DateReading = { dmy: NO_DAY, mdy: NO_DAY, ordered: false };
  if (!readDate(s, reading) || reading.dmy === NO_DAY) return null;
  return fromDayNumber(reading.dmy);
}

/**
 * Reads a date cell into `out`; returns false when it is not a date at all.
 * Accepts ISO (2026-04-23, 2026/4/23, 2026.04.23), 20260423, 2026年4月23日,
 * 23/04/2026 and 04/23/2026 (both readings kept), 23.04.2026 (day first, as SAP
 * writes it), 23-Apr-2026, Apr 23 2026,
 * Excel serials (e.g. 46135), with an optional time of day.
 */
export function readDate(text: string, out: DateReading): boolean {
  let s = text.trim();
  if (s.length === 0) return false;
  if (/[\uff10-\uff19\uff0f\uff0d\uff0e\u3000]/.test(s)) s = s.normalize('NFKC');
  if (s.length > 10) s = s.replace(TIME_RE, '');
  out.ordered = false;
  let m = YMD_RE.exec(s);
  if (m) {
    out.dmy = out.mdy = dayOf(+m[1]!, +m[2]!, +m[3]!);
    return out.dmy !== NO_DAY;
  }
  m = AB_Y_RE.exec(s);
  if (m) {
    const a = +m[1]!;
    const b = +m[3]!;
    const y = +m[4]!;
    out.dmy = dayOf(y, b, a);
    // DD.MM.YYYY (SAP, German and most of Europe) is always day first; only
    // slash and hyphen dates leave the order open.
    out.mdy = m[2] === '.' ? out.dmy : dayOf(y, a, b);
    out.ordered = out.dmy !== out.mdy;
    return out.dmy !== NO_DAY || out.mdy !== NO_DAY;
  }
  m = COMPACT_RE.exec(s);
  if (m) {
    out.dmy = out.mdy = dayOf(+m[1]!, +m[2]!, +m[3]!);
    return out.dmy !== NO_DAY;
  }
  if (SERIAL_RE.test(s)) {
    const serial = Number(s);
    // Only plausible ledger years (1950–2150) count as serials; 7 or 2026 does not.
    if (serial < 18264 || serial > 91311) return false;
    out.dmy = out.mdy = excelSerialToDay(serial);
    return out.dmy !== NO_DAY;
  }
  const lower = s.toLowerCase();
  m = D_MON_Y_RE.exec(lower);
  if (m && MONTHS[m[2]!]) {
    out.dmy = out.mdy = dayOf(+m[3]!, MONTHS[m[2]!]!, +m[1]!);
    return out.dmy !== NO_DAY;
  }
  m = MON_D_Y_RE.exec(lower);
  if (m && MONTHS[m[1]!]) {
    out.dmy = out.mdy = dayOf(+m[3]!, MONTHS[m[1]!]!, +m[2]!);
    return out.dmy !== NO_DAY;
  }
  return false;
}
