/**
 * Shapes of ledger rows and their sums, shared by the import, the ledger
 * math and storage. Columnar throughout: a million rows are a handful of
 * typed arrays, not a million objects.
 */
import type { StringColumn } from '../import/types';
import type { CategoryId } from '../model';

/** Strings packed into one text with offsets: value i is text.slice(offsets[i], offsets[i + 1]). */
export type PackedStrings = StringColumn;

/** Columnar ledger rows (the import's accepted rows have this shape). */
export interface LedgerColumns {
  readonly length: number;
  /** Day numbers (days since 1970-01-01). */
  readonly day: Int32Array;
  /** Index into the category ids that go with the columns. */
  readonly category: Uint8Array;
  /** Signed amounts in minor units (fen, cents); every value a safe integer. */
  readonly amountMinor: Float64Array;
  readonly reference: PackedStrings;
  readonly description: PackedStrings;
  /** Row number in the source file (header = row 1); optional. */
  readonly rowNumber?: Int32Array;
}

/** Per-day sums and counts of one category, days ascending and unique. */
export interface DayAggregate {
  readonly categoryId: CategoryId;
  readonly days: Int32Array;
  /** Sum of the day's amounts in minor units (exact). */
  readonly sums: BigInt64Array;
  /** Number of rows on the day (a day with rows summing to zero still counts). */
  readonly counts: Int32Array;
}

/** What an import would store: with every accepted row, or with duplicates skipped. */
export interface ImportPlan {
  readonly all: { readonly count: number; readonly totalMinor: bigint };
  readonly skipping: { readonly count: number; readonly totalMinor: bigint; readonly skipped: number };
}
