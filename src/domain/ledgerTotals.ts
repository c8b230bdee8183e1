import { aggregateColumns, dailyTotalsOf } from './ledger/aggregates';
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
  /**
   * Team mode: rows of imports not yet checked by a second person. They are
   * in `byCategory` (the conservative reading) and the screens mark them.
   */
  readonly pendingReview?: {
    readonly batches: number;
    readonly rows: number;
    readonly byCategory: ReadonlyMap<CategoryId, { readonly count: number; readonly sumMinor: bigint }>;
  };
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
 * units (a safe integer; RangeError otherwise), `category[i]` an index below
 * `categoryCount`. Rows with `skip[i] !== 0` are left out. Summed exactly by
 * the ledger's one aggregation (ledger/aggregates.ts aggregateColumns).
 * Result index = category index; categories without rows get empty totals.
 */
export function buildDailyTotalsColumnar(
  day: Int32Array,
  amountMinor: Float64Array,
  category: Uint8Array,
  categoryCount: number,
  skip?: Uint8Array,
): DailyTotals[] {
  const ids = Array.from({ length: categoryCount }, (_, c) => String(c));
  const out = Array.from({ length: categoryCount }, (): DailyTotals => ({
    days: new Int32Array(0),
    prefix: new BigInt64Array(0),
  }));
  for (const a of aggregateColumns(day, category, ids, amountMinor, 0, day.length, skip))
    out[Number(a.categoryId)] = dailyTotalsOf(a);
  return out;
}
