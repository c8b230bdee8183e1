/**
 * Duplicate matching of an import against stored rows, as pure code: which
 * incoming rows share a 64-bit key hash (date, category, amount, reference)
 * with a stored row, then whether the row itself is equal. Storage reads the
 * key hashes and rows and drives the matching; the matching never touches
 * storage and never schedules: it is a generator that pauses after each
 * slice, so its caller decides when to give the thread a turn.
 */
import { stringAt } from '../import/accepted';
import type { CategoryId } from '../model';
import { HashIndex, hashColumns } from './keys';
import type { LedgerColumns } from './types';

/** Rows hashed or probed between two pauses. */
export const MATCH_SLICE = 50_000;

/** The first and last day of the incoming rows that are checked; null when none is. */
export function incomingDayRange(
  day: Int32Array,
  skip?: Uint8Array,
): { readonly minDay: number; readonly maxDay: number } | null {
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < day.length; i++) {
    if (skip && skip[i]) continue;
    const v = day[i]!;
    if (v < minDay) minDay = v;
    if (v > maxDay) maxDay = v;
  }
  return minDay === Infinity ? null : { minDay, maxDay };
}

/**
 * The stored rows as one sequence: the rows of each chunk in order, then the
 * manual rows. A stored row's position in it (its payload) names the chunk and
 * the row within it.
 */
export interface StoredLayout {
  /** chunkStart[c] = position of chunk c's first row; chunkStart[chunks] = rows in chunks. */
  readonly chunkStart: Float64Array;
  /** Rows held in chunks; positions from here on are manual rows. */
  readonly chunkRows: number;
  /** Every stored row, chunks and manual. */
  readonly stored: number;
}

export function storedLayout(chunkHashes: readonly Uint32Array[], manualRows: number): StoredLayout {
  const chunkStart = new Float64Array(chunkHashes.length + 1);
  for (let c = 0; c < chunkHashes.length; c++) chunkStart[c + 1] = chunkStart[c]! + chunkHashes[c]!.length / 2;
  const chunkRows = chunkStart[chunkHashes.length]!;
  return { chunkStart, chunkRows, stored: chunkRows + manualRows };
}

/** The chunk holding stored position p (< chunkRows): the last c with chunkStart[c] <= p. */
export function chunkOf(layout: StoredLayout, p: number): number {
  const { chunkStart } = layout;
  let lo = 0;
  let hi = chunkStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunkStart[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Hash hits: pairs (incoming index, stored position), in typed arrays grown on demand. */
export class Candidates {
  private inc = new Int32Array(1024);
  private at = new Float64Array(1024);
  length = 0;

  add(incoming: number, stored: number): void {
    if (this.length === this.inc.length) {
      const a = new Int32Array(this.length * 2);
      a.set(this.inc);
      this.inc = a;
      const b = new Float64Array(this.length * 2);
      b.set(this.at);
      this.at = b;
    }
    this.inc[this.length] = incoming;
    this.at[this.length] = stored;
    this.length++;
  }

  incoming(k: number): number {
    return this.inc[k]!;
  }

  stored(k: number): number {
    return this.at[k]!;
  }
}

/**
 * Every (incoming row, stored row) pair whose key hashes are equal. Indexes
 * the smaller side and streams the larger one through it: 2,000 new rows
 * against a million stored ones build a tiny table, not a 24 MB one. Yields
 * after every slice of work; the result is the generator's return value.
 */
export function* matchKeyHashes(
  cols: LedgerColumns,
  categoryIds: readonly CategoryId[],
  chunkHashes: readonly Uint32Array[],
  manualHashes: readonly (readonly [number, number])[],
  skip?: Uint8Array,
): Generator<void, Candidates, void> {
  const n = cols.length;
  const layout = storedLayout(chunkHashes, manualHashes.length);
  const { chunkStart, chunkRows, stored } = layout;
  const candidates = new Candidates();
  const hashes = new Uint32Array(2 * n);
  let incoming = 0;
  for (let from = 0; from < n; from += MATCH_SLICE) {
    const to = Math.min(n, from + MATCH_SLICE);
    hashColumns(cols.day, cols.category, categoryIds, cols.amountMinor, cols.reference, hashes, from, to);
    for (let i = from; i < to; i++) if (!(skip && skip[i])) incoming++;
    yield;
  }
  if (incoming <= stored) {
    const index = new HashIndex(incoming);
    for (let from = 0; from < n; from += MATCH_SLICE) {
      const to = Math.min(n, from + MATCH_SLICE);
      for (let i = from; i < to; i++) if (!(skip && skip[i])) index.add(hashes[2 * i]!, hashes[2 * i + 1]!, i);
      yield;
    }
    for (let c = 0; c < chunkHashes.length; c++) {
      const h = chunkHashes[c]!;
      const base = chunkStart[c]!;
      for (let r = 0, rows = h.length / 2; r < rows; r++)
        index.forEach(h[2 * r]!, h[2 * r + 1]!, (i) => candidates.add(i, base + r));
      yield;
    }
    manualHashes.forEach(([h1, h2], k) => index.forEach(h1, h2, (i) => candidates.add(i, chunkRows + k)));
  } else {
    const index = new HashIndex(stored);
    for (let c = 0; c < chunkHashes.length; c++) {
      const h = chunkHashes[c]!;
      const base = chunkStart[c]!;
      for (let r = 0, rows = h.length / 2; r < rows; r++) index.add(h[2 * r]!, h[2 * r + 1]!, base + r);
      yield;
    }
    manualHashes.forEach(([h1, h2], k) => index.add(h1, h2, chunkRows + k));
    for (let from = 0; from < n; from += MATCH_SLICE) {
      const to = Math.min(n, from + MATCH_SLICE);
      for (let i = from; i < to; i++) {
        if (!(skip && skip[i]))
          index.forEach(hashes[2 * i]!, hashes[2 * i + 1]!, (payload) => candidates.add(i, payload));
      }
      yield;
    }
  }
  return candidates;
}

/**
 * The candidates grouped by where their stored row lives: candidate numbers
 * per chunk (so each chunk is read once) and those of manual rows.
 */
export function groupCandidates(
  candidates: Candidates,
  layout: StoredLayout,
): { readonly manual: readonly number[]; readonly byChunk: ReadonlyMap<number, readonly number[]> } {
  const manual: number[] = [];
  const byChunk = new Map<number, number[]>();
  for (let k = 0; k < candidates.length; k++) {
    const p = candidates.stored(k);
    if (p >= layout.chunkRows) {
      manual.push(k);
      continue;
    }
    const c = chunkOf(layout, p);
    let list = byChunk.get(c);
    if (!list) byChunk.set(c, (list = []));
    list.push(k);
  }
  return { manual, byChunk };
}

/** The key a duplicate is judged on. */
export interface RowKey {
  readonly day: number;
  readonly categoryId: CategoryId;
  readonly amountMinor: number;
  readonly reference: string;
}

/** Incoming row i has exactly the key given (a hash hit confirmed, not assumed). */
export function sameRowKey(cols: LedgerColumns, categoryIds: readonly CategoryId[], i: number, key: RowKey): boolean {
  return (
    key.day === cols.day[i] &&
    key.amountMinor === cols.amountMinor[i] &&
    key.categoryId === categoryIds[cols.category[i]!] &&
    key.reference === stringAt(cols.reference, i)
  );
}
