/**
 * Row keys for duplicate detection: a row is a duplicate of another when date,
 * category, amount and reference are all equal. Stored rows keep a 32-bit
 * hash of that key per row, so checking an import against a million stored
 * rows loads 4 MB of hashes, not the rows; every hash hit is then confirmed
 * against the real row (hashes can collide).
 */
import type { CategoryId } from '../domain/model';
import type { PackedStrings } from './ledgerTypes';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function mixString(h: number, text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function mixInt(h: number, v: number): number {
  // Four bytes of a 32-bit integer, FNV-1a style.
  h ^= v & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (v >>> 8) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= (v >>> 16) & 0xff;
  h = Math.imul(h, FNV_PRIME);
  h ^= v >>> 24;
  return Math.imul(h, FNV_PRIME);
}

function seedOf(categoryId: CategoryId): number {
  return mixInt(mixString(FNV_OFFSET, categoryId, 0, categoryId.length), 0x1f);
}

function finish(h: number, day: number, amountMinor: number): number {
  h = mixInt(h, day);
  // amountMinor is a safe integer: low and high 32-bit words are exact.
  h = mixInt(h, amountMinor >>> 0);
  h = mixInt(h, Math.floor(amountMinor / 4294967296) | 0);
  // Final avalanche so nearby keys spread over the table.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of (day, category, amount in fen, reference). */
export function rowKeyHash(day: number, categoryId: CategoryId, amountMinor: number, reference: string): number {
  return finish(mixString(seedOf(categoryId), reference, 0, reference.length), day, amountMinor);
}

/** rowKeyHash of rows [from, to) of columnar data, written to out[from..to). */
export function hashColumns(
  day: Int32Array,
  category: Uint8Array,
  categoryIds: readonly CategoryId[],
  amountMinor: Float64Array,
  reference: PackedStrings,
  out: Uint32Array,
  from = 0,
  to = day.length,
): void {
  const seeds = categoryIds.map(seedOf);
  const { text, offsets } = reference;
  for (let i = from; i < to; i++) {
    const h = mixString(seeds[category[i]!]!, text, offsets[i]!, offsets[i + 1]!);
    out[i] = finish(h, day[i]!, amountMinor[i]!);
  }
}

/**
 * Open-addressing multiset of 32-bit hashes, each with a payload number
 * (e.g. a global stored-row index). Typed arrays only: a million entries take
 * ~12 MB and no per-entry objects.
 */
export class HashIndex {
  private readonly mask: number;
  private readonly keys: Uint32Array;
  private readonly payload: Float64Array;
  private readonly used: Uint8Array;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.keys = new Uint32Array(cap);
    this.payload = new Float64Array(cap);
    this.used = new Uint8Array(cap);
  }

  add(hash: number, value: number): void {
    if (this.size * 2 >= this.keys.length) throw new Error('HashIndex is full');
    let i = hash & this.mask;
    while (this.used[i]) i = (i + 1) & this.mask;
    this.used[i] = 1;
    this.keys[i] = hash;
    this.payload[i] = value;
    this.size++;
  }

  /** Calls `fn` with the payload of every entry whose hash equals `hash`. */
  forEach(hash: number, fn: (value: number) => void): void {
    let i = hash & this.mask;
    while (this.used[i]) {
      if (this.keys[i] === hash) fn(this.payload[i]!);
      i = (i + 1) & this.mask;
    }
  }

  has(hash: number): boolean {
    let i = hash & this.mask;
    while (this.used[i]) {
      if (this.keys[i] === hash) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }
}
