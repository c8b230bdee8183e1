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
}

export interface LedgerTotals {
  readonly byCategory: ReadonlyMap<CategoryId, DailyTotals>;
  /** Categories whose ledger the user marked complete: the ledger replaces disclosures. */
  readonly complete: ReadonlySet<CategoryId>;
}

export const EMPTY_LEDGER: LedgerTotals = { byCategory: new Map(), complete: new Set() };

/**
 * Builds DailyTotals from (day number, minor units) pairs in any order;
 * amounts on the same day are added exactly.
 */
export function buildDailyTotals(entries: Iterable<readonly [number, bigint]>): DailyTotals {
  const byDay = new Map<number, bigint>();
  for (const [day, minor] of entries) byDay.set(day, (byDay.get(day) ?? 0n) + minor);
  const days = Int32Array.from([...byDay.keys()].sort((a, b) => a - b));
  const prefix = new BigInt64Array(days.length);
  let running = 0n;
  days.forEach((d, i) => {
    running += byDay.get(d)!;
    prefix[i] = running;
  });
  return { days, prefix };
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
