import type { CategoryId } from './model';
import { money, type Money, ZERO } from './money';

/**
 * Per-day ledger totals of one category, the only form in which the engine
 * sees the ledger: a million rows collapse to at most a few thousand days, so
 * a change of as-of date never rescans rows.
 */
export interface DailyTotals {
  /** Ascending, unique day numbers (days since 1970-01-01). */
  readonly days: Int32Array;
  /** prefix[i] = sum of the day totals of days[0..i], in minor units. */
  readonly prefix: BigInt64Array;
  /** countPrefix[i] = number of ledger rows on days[0..i]; absent where only sums are known (a day then counts once). */
  readonly countPrefix?: Int32Array;
}

export interface LedgerTotals {
  readonly byCategory: ReadonlyMap<CategoryId, DailyTotals>;
  /** Categories whose ledger the user marked complete: the ledger replaces disclosures. */
  readonly complete: ReadonlySet<CategoryId>;
  /**
   * Per category, the last day (inclusive) through which the user states the
   * ledger holds every transaction (a month-end close). Rows after it count but
   * the figure is provisional.
   */
  readonly completeThrough?: ReadonlyMap<CategoryId, string>;
}

export const EMPTY_LEDGER: LedgerTotals = { byCategory: new Map(), complete: new Set() };

/**
 * Builds DailyTotals from (day number, minor units) pairs in any order;
 * amounts on the same day are added exactly.
 */
export function buildDailyTotals(entries: Iterable<readonly [number, bigint]>): DailyTotals {
  const byDay = new Map<number, bigint>();
  const rows = new Map<number, number>();
  for (const [day, minor] of entries) {
    byDay.set(day, (byDay.get(day) ?? 0n) + minor);
    rows.set(day, (rows.get(day) ?? 0) + 1);
  }
  const days = Int32Array.from([...byDay.keys()].sort((a, b) => a - b));
  const prefix = new BigInt64Array(days.length);
  const countPrefix = new Int32Array(days.length);
  let running = 0n;
  let count = 0;
  days.forEach((d, i) => {
    running += byDay.get(d)!;
    count += rows.get(d)!;
    prefix[i] = running;
    countPrefix[i] = count;
  });
  return { days, prefix, countPrefix };
}

/** Number of ledger rows on days startDay..endDay, both included (days with rows when counts are not kept). */
export function countDays(totals: DailyTotals | undefined, startDay: number, endDay: number): number {
  if (!totals || endDay < startDay) return 0;
  const hi = lastIndexAtOrBefore(totals.days, endDay);
  const lo = lastIndexAtOrBefore(totals.days, startDay - 1);
  if (hi < 0) return 0;
  if (!totals.countPrefix) return hi - lo;
  return totals.countPrefix[hi]! - (lo >= 0 ? totals.countPrefix[lo]! : 0);
}

/** First day with a ledger entry in startDay..endDay (inclusive), or null. */
export function firstEntryDay(totals: DailyTotals | undefined, startDay: number, endDay: number): number | null {
  if (!totals) return null;
  const i = lastIndexAtOrBefore(totals.days, startDay - 1) + 1;
  const d = totals.days[i];
  return d !== undefined && d <= endDay ? d : null;
}

/** Index of the last day ≤ `day`, or -1. */
function lastIndexAtOrBefore(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Sum of ledger amounts on days startDay..endDay, both included. */
export function sumDays(totals: DailyTotals | undefined, startDay: number, endDay: number): Money {
  if (!totals || endDay < startDay) return ZERO;
  const hi = lastIndexAtOrBefore(totals.days, endDay);
  const lo = lastIndexAtOrBefore(totals.days, startDay - 1);
  if (hi < 0) return ZERO;
  return money(totals.prefix[hi]! - (lo >= 0 ? totals.prefix[lo]! : 0n));
}

/** Last day with a ledger entry in startDay..endDay (inclusive), or null. */
export function lastEntryDay(totals: DailyTotals | undefined, startDay: number, endDay: number): number | null {
  if (!totals) return null;
  const hi = lastIndexAtOrBefore(totals.days, endDay);
  if (hi < 0) return null;
  const d = totals.days[hi]!;
  return d >= startDay ? d : null;
}

/** Days with entries in startDay..endDay (inclusive), ascending. */
export function entryDaysIn(totals: DailyTotals | undefined, startDay: number, endDay: number): number[] {
  if (!totals) return [];
  const out: number[] = [];
  const from = lastIndexAtOrBefore(totals.days, startDay - 1) + 1;
  for (let i = from; i < totals.days.length && totals.days[i]! <= endDay; i++) out.push(totals.days[i]!);
  return out;
}

/**
 * Per-category DailyTotals straight from columnar rows (the import and storage
 * form): `day[i]` a day number, `amountMinor[i]` an integer count of minor
 * units (a safe integer), `category[i]` an index below `categoryCount`.
 * Rows with `skip[i] !== 0` are left out. Exact: day sums are accumulated as
 * doubles only while every partial sum stays a safe integer, and redone in
 * bigint otherwise. Result index = category index; categories without rows
 * get empty totals.
 */
export function buildDailyTotalsColumnar(
  day: Int32Array,
  amountMinor: Float64Array,
  category: Uint8Array,
  categoryCount: number,
  skip?: Uint8Array,
): DailyTotals[] {
  const n = day.length;
  const minDay = new Array<number>(categoryCount).fill(Infinity);
  const maxDay = new Array<number>(categoryCount).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) continue;
    const c = category[i]!;
    const d = day[i]!;
    if (d < minDay[c]!) minDay[c] = d;
    if (d > maxDay[c]!) maxDay[c] = d;
  }
  const out: DailyTotals[] = [];
  for (let c = 0; c < categoryCount; c++) {
    if (minDay[c] === Infinity) {
      out.push({ days: new Int32Array(0), prefix: new BigInt64Array(0) });
      continue;
    }
    const base = minDay[c]!;
    const span = maxDay[c]! - base + 1;
    if (span > 200_000) {
      // Dates scattered over centuries: fall back to the map-based builder.
      const entries: [number, bigint][] = [];
      for (let i = 0; i < n; i++) {
        if ((skip && skip[i]) || category[i] !== c) continue;
        entries.push([day[i]!, BigInt(amountMinor[i]!)]);
      }
      out.push(buildDailyTotals(entries));
      continue;
    }
    const sums = new Float64Array(span);
    const seen = new Uint32Array(span);
    let exact = true;
    for (let i = 0; i < n; i++) {
      if ((skip && skip[i]) || category[i] !== c) continue;
      const k = day[i]! - base;
      const v = amountMinor[i]!;
      if (!Number.isSafeInteger(v)) throw new RangeError(`Amount ${v} is not a safe integer of minor units`);
      const s = sums[k]! + v;
      if (!Number.isSafeInteger(s)) exact = false;
      sums[k] = s;
      seen[k] = seen[k]! + 1;
    }
    let big: BigInt64Array | null = null;
    if (!exact) {
      big = new BigInt64Array(span);
      for (let i = 0; i < n; i++) {
        if ((skip && skip[i]) || category[i] !== c) continue;
        big[day[i]! - base] = big[day[i]! - base]! + BigInt(amountMinor[i]!);
      }
    }
    let count = 0;
    for (let k = 0; k < span; k++) if (seen[k]) count++;
    const days = new Int32Array(count);
    const prefix = new BigInt64Array(count);
    const countPrefix = new Int32Array(count);
    let running = 0n;
    let rows = 0;
    let j = 0;
    for (let k = 0; k < span; k++) {
      if (!seen[k]) continue;
      running += big ? big[k]! : BigInt(sums[k]!);
      rows += seen[k]!;
      days[j] = base + k;
      prefix[j] = running;
      countPrefix[j] = rows;
      j++;
    }
    out.push({ days, prefix, countPrefix });
  }
  return out;
}
