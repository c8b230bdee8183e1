/**
 * Calendar dates as ISO strings (YYYY-MM-DD) with no time zone: a cap period is
 * a set of calendar days in Hong Kong, never instants. Arithmetic uses day
 * numbers (days since 1970-01-01, UTC calendar) so that no local time zone or
 * daylight-saving shift can move a date.
 */
import { addYears } from 'date-fns';

export type IsoDate = string;

/** An inclusive range of calendar days: both `start` and `end` belong to it. */
export interface DateRange {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month1: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month1 - 1]!;
}

/** True when `text` is a real calendar date in YYYY-MM-DD form. */
export function isIsoDate(text: string): boolean {
  const m = ISO_RE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Parses a YYYY-MM-DD date, throwing a RangeError naming the bad text. */
export function parseIsoDate(text: string): IsoDate {
  if (!isIsoDate(text)) throw new RangeError(`Not a valid date (YYYY-MM-DD): "${text}"`);
  return text;
}

export function isoFromParts(year: number, month1: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dateParts(d: IsoDate): { year: number; month: number; day: number } {
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)), day: Number(d.slice(8, 10)) };
}

/** Days since 1970-01-01 (may be negative). */
export function toDayNumber(d: IsoDate): number {
  const { year, month, day } = dateParts(d);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * MS_PER_DAY);
  return isoFromParts(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + days);
}

/** Number of days in an inclusive range (Jan 1–Dec 31 of a leap year → 366). */
export function daysInclusive(range: DateRange): number {
  return toDayNumber(range.end) - toDayNumber(range.start) + 1;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when `d` lies in the range, ends included. */
export function contains(range: DateRange, d: IsoDate): boolean {
  return range.start <= d && d <= range.end;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

/**
 * The same calendar day `years` years earlier or later. February 29 maps to
 * February 28 in a non-leap year, so a span never gains a day it did not have.
 */
export function shiftYears(d: IsoDate, years: number): IsoDate {
  // date-fns addYears keeps the day and clamps February 29 to February 28.
  return fromLocalDate(addYears(toLocalDate(d), years));
}

/** The inclusive range one year before `range` (same calendar span). */
export function priorYearSpan(range: DateRange): DateRange {
  return { start: shiftYears(range.start, -1), end: shiftYears(range.end, -1) };
}

/** Last day of the month containing `d`. */
export function endOfMonth(d: IsoDate): IsoDate {
  const { year, month } = dateParts(d);
  return isoFromParts(year, month, daysInMonth(year, month));
}

/** First day of the month containing `d`. */
export function startOfMonth(d: IsoDate): IsoDate {
  const { year, month } = dateParts(d);
  return isoFromParts(year, month, 1);
}

/**
 * The calendar months touched by an inclusive range, each clipped to the range
 * (a period starting July 29 yields July 29–31 first).
 */
export function monthsInRange(range: DateRange): DateRange[] {
  const out: DateRange[] = [];
  let cursor = range.start;
  while (cursor <= range.end) {
    const end = minDate(endOfMonth(cursor), range.end);
    out.push({ start: cursor, end });
    cursor = addDays(end, 1);
  }
  return out;
}

/** The most recent half-year end (June 30 or December 31) on or before `d`. */
export function lastHalfYearEnd(d: IsoDate): IsoDate {
  const { year } = dateParts(d);
  const june = isoFromParts(year, 6, 30);
  const dec = isoFromParts(year, 12, 31);
  if (d >= dec) return dec;
  if (d >= june) return june;
  return isoFromParts(year - 1, 12, 31);
}

/** Today's date in the user's local calendar. */
export function todayIso(now: Date = new Date()): IsoDate {
  return fromLocalDate(now);
}

/**
 * An ISO day as a local Date at midnight, for date-fns at the edges (calendar
 * arithmetic by months or years, names of months); the core counts day numbers.
 * setFullYear, not new Date(y, m, d): years 0–99 would otherwise be read as 1900–1999.
 */
export function toLocalDate(d: IsoDate): Date {
  const { year, month, day } = dateParts(d);
  const local = new Date(2000, 0, 1);
  local.setFullYear(year, month - 1, day);
  return local;
}

/** The calendar day of a local Date (its time of day and zone are ignored). */
export function fromLocalDate(date: Date): IsoDate {
  return isoFromParts(date.getFullYear(), date.getMonth() + 1, date.getDate());
}
