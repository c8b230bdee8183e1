/**
 * Stored shapes of the ledger (IndexedDB, Dexie schema version 2).
 *
 * Why columnar: one IndexedDB record per transaction costs ~80 s per million
 * rows in Chromium; a record holding tens of thousands of rows as typed arrays
 * costs ~1 s. So imported rows live in chunk records of up to CHUNK_ROWS rows.
 * Each chunk is split over three records so that each reader loads only what
 * it needs:
 *  - `ledgerChunks`    the rows themselves (read for the ledger table page
 *                      that falls in the chunk, exports and exact duplicate checks);
 *  - `ledgerChunkMeta` per-category per-day sums and counts of the chunk
 *                      (small; read to page, filter and roll back without
 *                      touching rows);
 *  - `ledgerChunkKeys` a 64-bit hash per row of (date, category, amount,
 *                      reference), read to find duplicates of an import
 *                      against stored rows without loading the rows.
 * `ledgerAggregates` holds, per category, the per-day sums and counts of the
 * whole ledger (imports + manual entries). Every write updates it in the same
 * transaction, so the dashboard reads a few kilobytes instead of rescanning
 * rows. Manual entries are few and edited one by one, so they are one record
 * each in `ledgerManual` (edit, delete and undo are a single small put).
 */
import type { DayAggregate, PackedStrings } from '../domain/ledger/types';
import type { CategoryId } from '../domain/model';

export type { DayAggregate, PackedStrings } from '../domain/ledger/types';

export type BatchStatus = 'committed' | 'rolled-back';

/** One import: every accepted row of one file, written in one transaction. */
export interface LedgerBatchRecord {
  /** Random id, e.g. "b-lx2k3-9f3a". */
  readonly id: string;
  readonly fileName: string;
  /** Rows stored by the batch (after skipped duplicates). */
  readonly rowCount: number;
  /** Sum of the batch's amounts in fen, as a decimal string (exact). */
  readonly totalMinor: string;
  /** ISO timestamp of the commit. */
  readonly createdAt: string;
  readonly status: BatchStatus;
  readonly rolledBackAt?: string;
  /** Rows of the file left out as duplicates (of the file or of stored rows). */
  readonly skippedDuplicates: number;
  /** Rows of the file rejected with an error (not stored). */
  readonly rejectedRows: number;
  /** Inclusive range of day numbers of the stored rows (null when empty). */
  readonly minDay: number | null;
  readonly maxDay: number | null;
  readonly chunkCount: number;
  readonly format?: string;
  /** Team mode: stored and counted, but not yet checked by a second person. */
  readonly pendingReview?: boolean;
  /** Team mode: who imported it. */
  readonly importedBy?: string;
}

/** Rows of one chunk: index i across the arrays is one transaction. */
export interface LedgerChunkRecord {
  /** `${batchId}:${seq}` with seq zero-padded, so ids sort in file order. */
  readonly id: string;
  readonly batchId: string;
  readonly seq: number;
  readonly length: number;
  /** Category ids the `category` column indexes. */
  readonly categoryIds: readonly CategoryId[];
  /** Day numbers (days since 1970-01-01). */
  readonly day: Int32Array;
  readonly category: Uint8Array;
  /** Signed amounts in fen; every value a safe integer. */
  readonly amountMinor: Float64Array;
  readonly reference: PackedStrings;
  readonly description: PackedStrings;
  /** Row number in the source file (header = row 1). */
  readonly rowNumber: Int32Array;
}

export interface LedgerChunkMetaRecord {
  readonly id: string;
  readonly batchId: string;
  readonly seq: number;
  readonly length: number;
  readonly minDay: number;
  readonly maxDay: number;
  readonly aggregates: readonly DayAggregate[];
}

export interface LedgerChunkKeysRecord {
  readonly id: string;
  readonly batchId: string;
  readonly minDay: number;
  readonly maxDay: number;
  /** 64-bit key hash of each row as two words (row i at 2i and 2i + 1), in row order. */
  readonly hashes: Uint32Array;
}

/** A transaction typed in by hand. */
export interface ManualEntryRecord {
  /** Auto-increment key; absent before the first save. */
  id?: number;
  /** Day number (days since 1970-01-01). */
  day: number;
  categoryId: CategoryId;
  /** Signed amount in fen, a safe integer. */
  amountMinor: number;
  reference: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** Whole-ledger per-day aggregate of one category. */
export type LedgerAggregateRecord = DayAggregate;
