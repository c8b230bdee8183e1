/**
 * Splitting an import into the chunks storage keeps: up to CHUNK_ROWS rows
 * each, with each chunk's per-day sums and duplicate-key hashes. Pure; the
 * caller decides when to give the thread a turn between chunks.
 */
import type { CategoryId } from '../model';
import { aggregateColumns } from './aggregates';
import { stringAt } from '../import/accepted';
import { hashColumns } from './keys';
import type { DayAggregate, LedgerColumns, PackedStrings } from './types';

/** Rows per chunk: tens of thousands keeps each stored record well under a frame's worth of work. */
export const CHUNK_ROWS = 50_000;

/** The rows of one chunk with what is derived from them. */
export interface ChunkParts {
  readonly length: number;
  readonly day: Int32Array;
  readonly category: Uint8Array;
  readonly amountMinor: Float64Array;
  readonly reference: PackedStrings;
  readonly description: PackedStrings;
  /** Row numbers in the source file (0 where the columns carry none). */
  readonly rowNumber: Int32Array;
  /** Per-category per-day sums and counts of the chunk's rows. */
  readonly aggregates: DayAggregate[];
  /** First and last day of the chunk's rows (both included). */
  readonly minDay: number;
  readonly maxDay: number;
  /** Key hash of each row as two words (row i at 2i and 2i + 1). */
  readonly hashes: Uint32Array;
}

/** Copy of rows [from, to) of a packed column, rebased to start at 0. */
export function slicePacked(col: PackedStrings, from: number, to: number): PackedStrings {
  const base = col.offsets[from]!;
  const offsets = new Uint32Array(to - from + 1);
  for (let i = from; i <= to; i++) offsets[i - from] = col.offsets[i]! - base;
  return { text: col.text.slice(base, col.offsets[to]!), offsets };
}

/** The strings of the given rows of a packed column, in that order. */
export function gatherPacked(col: PackedStrings, rows: Int32Array): PackedStrings {
  const parts = new Array<string>(rows.length);
  const offsets = new Uint32Array(rows.length + 1);
  let pos = 0;
  for (let k = 0; k < rows.length; k++) {
    const s = stringAt(col, rows[k]!);
    parts[k] = s;
    offsets[k] = pos;
    pos += s.length;
  }
  offsets[rows.length] = pos;
  return { text: parts.join(''), offsets };
}

/** Throws unless every column has one entry per row and the categories fit a byte index. */
export function checkColumns(cols: LedgerColumns, categoryIds: readonly CategoryId[]): void {
  const n = cols.length;
  if (
    cols.day.length !== n ||
    cols.category.length !== n ||
    cols.amountMinor.length !== n ||
    cols.reference.offsets.length !== n + 1 ||
    cols.description.offsets.length !== n + 1 ||
    (cols.rowNumber && cols.rowNumber.length !== n)
  ) {
    throw new RangeError('Ledger columns have different lengths');
  }
  if (categoryIds.length === 0 && n > 0) throw new RangeError('Rows without categories');
  if (categoryIds.length > 255) throw new RangeError('At most 255 categories per import');
}

/**
 * Splits rows into chunks of up to `chunkRows` kept rows, in row order,
 * leaving out rows with `skip[i]` non-zero; chunks with no kept rows are not
 * produced. Each chunk's columns are copies (never views of the input's
 * buffers, which would keep the whole file alive in what is stored).
 */
export function* splitIntoChunks(
  cols: LedgerColumns,
  categoryIds: readonly CategoryId[],
  skip?: Uint8Array,
  chunkRows = CHUNK_ROWS,
): Generator<ChunkParts> {
  checkColumns(cols, categoryIds);
  const n = cols.length;
  let cursor = 0;
  while (cursor < n) {
    // Source range [start, end) holding up to chunkRows kept rows.
    const start = cursor;
    let kept = 0;
    let end = start;
    if (skip) {
      while (end < n && kept < chunkRows) {
        if (!skip[end]) kept++;
        end++;
      }
    } else {
      end = Math.min(n, start + chunkRows);
      kept = end - start;
    }
    cursor = end;
    if (kept === 0) continue;
    let day: Int32Array;
    let category: Uint8Array;
    let amountMinor: Float64Array;
    let reference: PackedStrings;
    let description: PackedStrings;
    let rowNumber: Int32Array;
    if (kept === end - start) {
      day = cols.day.slice(start, end);
      category = cols.category.slice(start, end);
      amountMinor = cols.amountMinor.slice(start, end);
      reference = slicePacked(cols.reference, start, end);
      description = slicePacked(cols.description, start, end);
      rowNumber = cols.rowNumber ? cols.rowNumber.slice(start, end) : new Int32Array(kept);
    } else {
      const rows = new Int32Array(kept);
      let k = 0;
      for (let i = start; i < end; i++) if (!skip![i]) rows[k++] = i;
      day = new Int32Array(kept);
      category = new Uint8Array(kept);
      amountMinor = new Float64Array(kept);
      rowNumber = new Int32Array(kept);
      for (let j = 0; j < kept; j++) {
        const i = rows[j]!;
        day[j] = cols.day[i]!;
        category[j] = cols.category[i]!;
        amountMinor[j] = cols.amountMinor[i]!;
        rowNumber[j] = cols.rowNumber ? cols.rowNumber[i]! : 0;
      }
      reference = gatherPacked(cols.reference, rows);
      description = gatherPacked(cols.description, rows);
    }
    const aggregates = aggregateColumns(day, category, categoryIds, amountMinor);
    let minDay = Infinity;
    let maxDay = -Infinity;
    for (const a of aggregates) {
      minDay = Math.min(minDay, a.days[0]!);
      maxDay = Math.max(maxDay, a.days[a.days.length - 1]!);
    }
    const hashes = new Uint32Array(2 * kept);
    hashColumns(day, category, categoryIds, amountMinor, reference, hashes);
    yield {
      length: kept,
      day,
      category,
      amountMinor,
      reference,
      description,
      rowNumber,
      aggregates,
      minDay,
      maxDay,
      hashes,
    };
  }
}
