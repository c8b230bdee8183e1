/**
 * Row keys for duplicate detection: a row is a duplicate of another when date,
 * category, amount and reference are all equal. Stored rows keep a 64-bit
 * hash of that key per row (two independent 32-bit halves), so checking an
 * import against a million stored rows loads 8 MB of hashes, not the rows.
 * With 64 bits a false hit is ~1 in 10^10 per pair checked, so confirming
 * hits against the real rows (which it still does) almost never has to load a
 * chunk that holds no duplicate.
 */
import type { CategoryId } from '../model';
import type { PackedStrings } from './types';

const P1 = 0x01000193; // FNV prime
const P2 = 0x5bd1e995; // MurmurHash2 multiplier

interface Seed {
  readonly a: number;
  readonly b: number;
}

function seedOf(categoryId: CategoryId): Seed {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < categoryId.length; i++) {
    const c = categoryId.charCodeAt(i);
    a = Math.imul(a ^ c, P1);
    b = Math.imul(b ^ c, P2);
    b ^= b >>> 15;
  }
  return { a: Math.imul(a ^ 0x1f, P1), b: Math.imul(b ^ 0x1f, P2) };
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Writes the two halves of the key hash of (day, category seed, amount,
 * reference text[start, end)) to out[at], out[at + 1].
 */
function keyInto(
  out: Uint32Array,
  at: number,
  seed: Seed,
  day: number,
  amountMinor: number,
  text: string,
  start: number,
  end: number,
): void {
  let a = seed.a;
  let b = seed.b;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, P1);
    b = Math.imul(b ^ c, P2);
    b ^= b >>> 15;
  }
  // amountMinor is a safe integer: its low and high 32-bit words are exact.
  const lo = amountMinor >>> 0;
  const hi = Math.floor(amountMinor / 4294967296) | 0;
  a = Math.imul(a ^ day, P1);
  a = Math.imul(a ^ lo, P1);
  a = Math.imul(a ^ hi, P1);
  b = Math.imul(b ^ hi, P2);
  b = Math.imul(b ^ day, P2);
  b = Math.imul(b ^ lo, P2);
  out[at] = fmix(a);
  out[at + 1] = fmix(b ^ (end - start));
}

/** 64-bit key hash of (day, category, amount in fen, reference) as [high-entropy half 1, half 2]. */
export function rowKeyHash(
  day: number,
  categoryId: CategoryId,
  amountMinor: number,
  reference: string,
): [number, number] {
  const out = new Uint32Array(2);
  keyInto(out, 0, seedOf(categoryId), day, amountMinor, reference, 0, reference.length);
  return [out[0]!, out[1]!];
}

/**
 * Key hashes of rows [from, to) of columnar data, written interleaved to
 * out[2i] and out[2i + 1] (so `out` holds 2 × rows words).
 */
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
    keyInto(out, 2 * i, seeds[category[i]!]!, day[i]!, amountMinor[i]!, text, offsets[i]!, offsets[i + 1]!);
  }
}

/**
 * Open-addressing multiset of 64-bit hashes, each with a payload (a
 * non-negative integer below 2^32 − 1). One Uint32Array of three words per
 * slot, so an insert or a lookup touches one cache line: a million entries
 * take 24 MB and no per-entry objects.
 */
export class HashIndex {
  private readonly mask: number;
  private readonly slots: Uint32Array;
  size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * 3);
  }

  add(h1: number, h2: number, payload: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) throw new Error('HashIndex is full');
    const s = this.slots;
    let i = h1 & this.mask;
    while (s[i * 3 + 2] !== 0) i = (i + 1) & this.mask;
    s[i * 3] = h1;
    s[i * 3 + 1] = h2;
    s[i * 3 + 2] = payload + 1; // 0 marks an empty slot
    this.size++;
  }

  /** Calls `fn` with the payload of every entry whose hash equals (h1, h2). */
  forEach(h1: number, h2: number, fn: (payload: number) => void): void {
    const s = this.slots;
    let i = h1 & this.mask;
    for (;;) {
      const p = s[i * 3 + 2]!;
      if (p === 0) return;
      if (s[i * 3] === h1 && s[i * 3 + 1] === h2) fn(p - 1);
      i = (i + 1) & this.mask;
    }
  }
}
