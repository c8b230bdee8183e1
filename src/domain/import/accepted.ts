/**
 * Helpers over the columnar accepted rows of an import.
 */
import { buildDailyTotalsColumnar, type DailyTotals } from '../ledgerTotals';
import type { CategoryId } from '../model';
import type { AcceptedRows, StringColumn } from './types';

/** Value i of a packed text column. */
export function stringAt(col: StringColumn, i: number): string {
  return col.text.slice(col.offsets[i]!, col.offsets[i + 1]!);
}

/** All values of a packed text column (allocates one string per row: small columns only). */
export function columnStrings(col: StringColumn): string[] {
  const n = col.offsets.length - 1;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = stringAt(col, i);
  return out;
}

/** Packs strings into one text column. */
export function packStrings(values: readonly string[]): StringColumn {
  const offsets = new Uint32Array(values.length + 1);
  let pos = 0;
  values.forEach((v, i) => {
    offsets[i] = pos;
    pos += v.length;
  });
  offsets[values.length] = pos;
  return { text: values.join(''), offsets };
}

/**
 * Per-category daily totals of accepted rows, leaving out rows whose
 * `skip[i]` is non-zero (e.g. duplicates the user chose to skip). Exact.
 */
export function categoryDailyTotals(
  accepted: AcceptedRows,
  categoryIds: readonly CategoryId[],
  skip?: Uint8Array,
): Map<CategoryId, DailyTotals> {
  const list = buildDailyTotalsColumnar(
    accepted.day,
    accepted.amountMinor,
    accepted.category,
    categoryIds.length,
    skip,
  );
  return new Map(categoryIds.map((id, i) => [id, list[i]!]));
}

/** Skip mask with 1 for every row that repeats an earlier row of the same file. */
export function duplicateSkipMask(accepted: AcceptedRows): Uint8Array {
  const mask = new Uint8Array(accepted.length);
  for (let i = 0; i < accepted.length; i++) if (accepted.duplicateOf[i]! >= 0) mask[i] = 1;
  return mask;
}
