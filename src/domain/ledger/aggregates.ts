/**
 * Per-category per-day aggregates of ledger rows (exact sums in minor units
 * and row counts): the form in which the ledger is kept summed, so the
 * dashboard never rescans rows, and the ONE exact-sum implementation of
 * columnar rows (the import's daily totals are built by it too). Pure
 * functions over typed arrays.
 */
import type { DailyTotals } from '../ledgerTotals';
import type { CategoryId } from '../model';
import type { DayAggregate } from './types';

/** Widest day span summed in dense arrays (12 bytes a day); wider spans (dates centuries apart) use a Map. */
export const DENSE_SPAN_LIMIT = 400_000;

/**
 * Aggregates rows [from, to) of columnar data, leaving out rows with
 * `skip[i]` non-zero: per category present, the ascending days with their
 * exact sum (minor units) and row count. `amountMinor` values must be safe
 * integers (RangeError otherwise), and every `category[i]` an index into
 * `categoryIds`. Categories without rows are left out.
 *
 * Exact: within a span of at most DENSE_SPAN_LIMIT days, day sums are added
 * as doubles while every partial sum stays a safe integer and redone in
 * bigint otherwise; wider spans (dates centuries apart) add bigints in a Map.
 */
export function aggregateColumns(
  day: Int32Array,
  category: Uint8Array,
  categoryIds: readonly CategoryId[],
  amountMinor: Float64Array,
  from = 0,
  to = day.length,
  skip?: Uint8Array,
): DayAggregate[] {
  const nCat = categoryIds.length;
  const minDay = new Float64Array(nCat).fill(Infinity);
  const maxDay = new Float64Array(nCat).fill(-Infinity);
  for (let i = from; i < to; i++) {
    if (skip && skip[i]) continue;
    const c = category[i]!;
    if (c >= nCat) throw new RangeError(`Row ${i}: category index ${c} has no id`);
    const d = day[i]!;
    if (d < minDay[c]!) minDay[c] = d;
    if (d > maxDay[c]!) maxDay[c] = d;
  }
  const out: DayAggregate[] = [];
  for (let c = 0; c < nCat; c++) {
    if (minDay[c] === Infinity) continue;
    const base = minDay[c]!;
    const span = maxDay[c]! - base + 1;
    if (span > DENSE_SPAN_LIMIT) {
      const map = new Map<number, { sum: bigint; count: number }>();
      for (let i = from; i < to; i++) {
        if (category[i] !== c || (skip && skip[i])) continue;
        const v = amountMinor[i]!;
        if (!Number.isSafeInteger(v)) throw new RangeError(`Amount ${v} is not a safe integer of minor units`);
        const e = map.get(day[i]!);
        if (e) {
          e.sum += BigInt(v);
          e.count++;
        } else map.set(day[i]!, { sum: BigInt(v), count: 1 });
      }
      const days = Int32Array.from([...map.keys()].sort((a, b) => a - b));
      const sums = new BigInt64Array(days.length);
      const counts = new Int32Array(days.length);
      days.forEach((d, k) => {
        const e = map.get(d)!;
        sums[k] = e.sum;
        counts[k] = e.count;
      });
      out.push({ categoryId: categoryIds[c]!, days, sums, counts });
      continue;
    }
    // Dense: doubles are exact while every partial sum stays a safe integer;
    // if one does not, the sums are redone in bigint.
    const dsum = new Float64Array(span);
    const dcount = new Int32Array(span);
    let exact = true;
    for (let i = from; i < to; i++) {
      if (category[i] !== c || (skip && skip[i])) continue;
      const k = day[i]! - base;
      const v = amountMinor[i]!;
      if (!Number.isSafeInteger(v)) throw new RangeError(`Amount ${v} is not a safe integer of minor units`);
      const s = dsum[k]! + v;
      if (!Number.isSafeInteger(s)) exact = false;
      dsum[k] = s;
      dcount[k]!++;
    }
    let big: BigInt64Array | null = null;
    if (!exact) {
      big = new BigInt64Array(span);
      for (let i = from; i < to; i++) {
        if (category[i] !== c || (skip && skip[i])) continue;
        const k = day[i]! - base;
        big[k] = big[k]! + BigInt(amountMinor[i]!);
      }
    }
    let n = 0;
    for (let k = 0; k < span; k++) if (dcount[k]! > 0) n++;
    const days = new Int32Array(n);
    const sums = new BigInt64Array(n);
    const counts = new Int32Array(n);
    let j = 0;
    for (let k = 0; k < span; k++) {
      if (dcount[k] === 0) continue;
      days[j] = base + k;
      sums[j] = big ? big[k]! : BigInt(dsum[k]!);
      counts[j] = dcount[k]!;
      j++;
    }
    out.push({ categoryId: categoryIds[c]!, days, sums, counts });
  }
  return out;
}

/** Aggregate of a single row (a manual entry). */
export function aggregateOfRow(categoryId: CategoryId, day: number, amountMinor: number): DayAggregate {
  return {
    categoryId,
    days: Int32Array.of(day),
    sums: BigInt64Array.of(BigInt(amountMinor)),
    counts: Int32Array.of(1),
  };
}

/**
 * `base` plus `sign` × `delta` for one category. Days whose count drops to
 * zero disappear. Throws when a count would go negative: the stored
 * aggregates no longer match the rows, and writing on would hide it.
 */
export function mergeAggregate(base: DayAggregate | undefined, delta: DayAggregate, sign: 1 | -1): DayAggregate {
  const categoryId = delta.categoryId;
  const a = base ?? { categoryId, days: new Int32Array(0), sums: new BigInt64Array(0), counts: new Int32Array(0) };
  if (a.categoryId !== categoryId) throw new Error(`Merging ${categoryId} into ${a.categoryId}`);
  const cap = a.days.length + delta.days.length;
  const days = new Int32Array(cap);
  const sums = new BigInt64Array(cap);
  const counts = new Int32Array(cap);
  const sg = BigInt(sign);
  let i = 0;
  let j = 0;
  let k = 0;
  const emit = (d: number, s: bigint, c: number) => {
    if (c < 0) throw new Error(`Ledger aggregates out of step: ${categoryId} day ${d} would have ${c} rows`);
    if (c === 0) {
      if (s !== 0n)
        throw new Error(`Ledger aggregates out of step: ${categoryId} day ${d} has no rows but a sum of ${s}`);
      return;
    }
    days[k] = d;
    sums[k] = s;
    counts[k] = c;
    k++;
  };
  while (i < a.days.length || j < delta.days.length) {
    const da = i < a.days.length ? a.days[i]! : Infinity;
    const dd = j < delta.days.length ? delta.days[j]! : Infinity;
    if (da < dd) {
      emit(da, a.sums[i]!, a.counts[i]!);
      i++;
    } else if (dd < da) {
      emit(dd, sg * delta.sums[j]!, sign * delta.counts[j]!);
      j++;
    } else {
      emit(da, a.sums[i]! + sg * delta.sums[j]!, a.counts[i]! + sign * delta.counts[j]!);
      i++;
      j++;
    }
  }
  return { categoryId, days: days.slice(0, k), sums: sums.slice(0, k), counts: counts.slice(0, k) };
}

/** Adds several aggregates (any categories) into one per category. */
export function sumAggregates(list: Iterable<DayAggregate>): Map<CategoryId, DayAggregate> {
  const out = new Map<CategoryId, DayAggregate>();
  for (const a of list) out.set(a.categoryId, mergeAggregate(out.get(a.categoryId), a, 1));
  return out;
}

/** The engine's DailyTotals (prefix sums) of one category's aggregate. */
export function dailyTotalsOf(agg: DayAggregate): DailyTotals {
  const prefix = new BigInt64Array(agg.days.length);
  const countPrefix = new Int32Array(agg.days.length);
  let running = 0n;
  let rows = 0;
  for (let i = 0; i < agg.days.length; i++) {
    running += agg.sums[i]!;
    rows += agg.counts[i]!;
    prefix[i] = running;
    countPrefix[i] = rows;
  }
  return { days: agg.days, prefix, countPrefix };
}

/** Sum (fen) and row count of an aggregate over days startDay..endDay, both included. */
export function aggregateTotal(
  agg: DayAggregate | undefined,
  startDay = -Infinity,
  endDay = Infinity,
): { sum: bigint; count: number } {
  let sum = 0n;
  let count = 0;
  if (!agg) return { sum, count };
  for (let i = 0; i < agg.days.length; i++) {
    const d = agg.days[i]!;
    if (d < startDay) continue;
    if (d > endDay) break;
    sum += agg.sums[i]!;
    count += agg.counts[i]!;
  }
  return { sum, count };
}

/** True when two aggregates hold the same days, sums and counts. */
export function sameAggregate(a: DayAggregate | undefined, b: DayAggregate | undefined): boolean {
  const na = a?.days.length ?? 0;
  const nb = b?.days.length ?? 0;
  if (na !== nb) return false;
  for (let i = 0; i < na; i++) {
    if (a!.days[i] !== b!.days[i] || a!.sums[i] !== b!.sums[i] || a!.counts[i] !== b!.counts[i]) return false;
  }
  return true;
}
