/**
 * An import held between the duplicate check and the commit (see
 * ledgerWorker.ts, which runs this off the main thread): the wire form of the
 * accepted rows, the worker protocol, and the check and commit themselves.
 */
import { unitChunksToText } from '../domain/import/wireText';
import type { CategoryId } from '../domain/model';
import {
  type CommitInfo,
  commitPrepared,
  findStoredDuplicates,
  type ImportPlan,
  type LedgerColumns,
  planImport,
  prepareImport,
  type StoredDuplicates,
} from './ledgerStore';
import type { LedgerBatchRecord, PackedStrings } from './ledgerTypes';

/** A text column as it crosses to the worker: transferred chunks of UTF-16 code units. */
export interface WireText {
  readonly chunks: readonly Uint16Array[];
  readonly offsets: Uint32Array;
}

export interface WireColumns {
  readonly length: number;
  readonly day: Int32Array;
  readonly category: Uint8Array;
  readonly amountMinor: Float64Array;
  readonly reference: WireText;
  readonly description: WireText;
  readonly rowNumber?: Int32Array;
  /** -1, or the index of the earlier row of the same file this row repeats. */
  readonly duplicateOf?: Int32Array;
}

export interface ImportCheck {
  readonly stored: StoredDuplicates;
  readonly plan: ImportPlan;
  /**
   * The categories at least one accepted row falls in (duplicates included),
   * in `categoryIds` order — found here so the page need not loop over the rows.
   */
  readonly categoriesUsed: readonly CategoryId[];
}

export type LedgerWorkerRequest =
  | {
      readonly id: number;
      readonly kind: 'check';
      readonly session: number;
      readonly columns: WireColumns;
      readonly categoryIds: readonly CategoryId[];
      readonly maxListed?: number;
    }
  | {
      readonly id: number;
      readonly kind: 'commit';
      readonly session: number;
      readonly info: CommitInfo;
      readonly skipDuplicates: boolean;
    }
  | { readonly id: number; readonly kind: 'drop'; readonly session: number };

export type LedgerWorkerResponse =
  | { readonly id: number; readonly type: 'checked'; readonly check: ImportCheck }
  | { readonly id: number; readonly type: 'committed'; readonly batch: LedgerBatchRecord }
  | { readonly id: number; readonly type: 'dropped' }
  /** The rows are split into chunk records and the write transaction is starting. */
  | { readonly id: number; readonly type: 'writing'; readonly rows: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

export interface Session {
  readonly columns: LedgerColumns;
  readonly categoryIds: readonly CategoryId[];
  readonly skipMask: Uint8Array | undefined;
  readonly skipped: number;
}

/** The text of a wire column, exactly as the import worker read it. */
function textOf(w: WireText): PackedStrings {
  return { text: unitChunksToText(w.chunks), offsets: w.offsets };
}

/** Rebuilds the columns from the wire form. */
export function columnsFromWire(w: WireColumns): LedgerColumns {
  return {
    length: w.length,
    day: w.day,
    category: w.category,
    amountMinor: w.amountMinor,
    reference: textOf(w.reference),
    description: textOf(w.description),
    ...(w.rowNumber ? { rowNumber: w.rowNumber } : {}),
  };
}

/** The check itself, shared with the in-page fallback of the client. */
export async function checkImport(
  columns: LedgerColumns,
  duplicateOf: Int32Array | undefined,
  categoryIds: readonly CategoryId[],
  maxListed?: number,
): Promise<{ check: ImportCheck; session: Omit<Session, 'columns' | 'categoryIds'> }> {
  const stored = await findStoredDuplicates(columns, categoryIds, maxListed ? { maxListed } : {});
  const { plan, skipMask } = planImport(columns.amountMinor, duplicateOf, stored.mask);
  const seen = new Uint8Array(256);
  for (let i = 0; i < columns.length; i++) seen[columns.category[i]!] = 1;
  const categoriesUsed = categoryIds.filter((_, k) => seen[k]);
  return { check: { stored, plan, categoriesUsed }, session: { skipMask, skipped: plan.skipping.skipped } };
}

/** The commit itself, shared with the in-page fallback of the client. */
export async function commitSession(
  s: Session,
  info: CommitInfo,
  skipDuplicates: boolean,
  onWriting: (rows: number) => void,
): Promise<LedgerBatchRecord> {
  const skip = skipDuplicates ? s.skipMask : undefined;
  const prepared = await prepareImport(s.columns, s.categoryIds, skip);
  onWriting(prepared.rowCount);
  return commitPrepared(prepared, { ...info, skippedDuplicates: skip ? s.skipped : 0 });
}
