/**
 * Operations on columnar ledger rows (see types.ts) that do not depend on
 * where the rows are kept.
 */
import type { LedgerColumns, PackedStrings } from './types';

/** The strings of several packed columns, one after the other. */
export function concatPacked(parts: readonly PackedStrings[]): PackedStrings {
  const n = parts.reduce((s, p) => s + p.offsets.length - 1, 0);
  const offsets = new Uint32Array(n + 1);
  let row = 0;
  let base = 0;
  for (const p of parts) {
    for (let i = 0; i < p.offsets.length - 1; i++) offsets[row++] = base + p.offsets[i]!;
    base += p.offsets[p.offsets.length - 1]!;
  }
  offsets[n] = base;
  return { text: parts.map((p) => p.text).join(''), offsets };
}

function concatTyped<T extends Int32Array | Uint8Array | Float64Array>(parts: readonly T[], make: (n: number) => T): T {
  const out = make(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    (out as Int32Array).set(p as Int32Array, at);
    at += p.length;
  }
  return out;
}

/**
 * Rows of several column sets, in order, as one (the first part itself when
 * there is one). Row numbers are kept only when every part has them.
 */
export function concatColumns(parts: readonly LedgerColumns[]): LedgerColumns {
  if (parts.length === 1) return parts[0]!;
  const rowNumbers = parts.every((p) => p.rowNumber) ? parts.map((p) => p.rowNumber!) : null;
  return {
    length: parts.reduce((s, p) => s + p.length, 0),
    day: concatTyped(
      parts.map((p) => p.day),
      (n) => new Int32Array(n),
    ),
    category: concatTyped(
      parts.map((p) => p.category),
      (n) => new Uint8Array(n),
    ),
    amountMinor: concatTyped(
      parts.map((p) => p.amountMinor),
      (n) => new Float64Array(n),
    ),
    reference: concatPacked(parts.map((p) => p.reference)),
    description: concatPacked(parts.map((p) => p.description)),
    ...(rowNumbers ? { rowNumber: concatTyped(rowNumbers, (n) => new Int32Array(n)) } : {}),
  };
}

/** One Int32Array per part joined, `fill` standing for each row of a part that has none; undefined when no part has one. */
export function concatOptionalInt32(
  parts: readonly { readonly length: number; readonly values?: Int32Array | undefined }[],
  fill: number,
): Int32Array | undefined {
  if (!parts.some((p) => p.values)) return undefined;
  if (parts.length === 1) return parts[0]!.values;
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    if (p.values) out.set(p.values, at);
    else out.fill(fill, at, at + p.length);
    at += p.length;
  }
  return out;
}
