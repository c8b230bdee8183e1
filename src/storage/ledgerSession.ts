/**
 * An import held between reading the file and storing it (see
 * ledgerWorker.ts, which runs this off the main thread): the wire form of the
 * accepted rows, the worker protocol, and the session's append, check and
 * commit themselves.
 */
import { unitChunksToText } from '../domain/import/wireText';
import { concatColumns, concatOptionalInt32 } from '../domain/ledger/columns';
import { planImport } from '../domain/ledger/importPlan';
import type { LedgerColumns } from '../domain/ledger/types';
import type { CategoryId } from '../domain/model';
import { findStoredDuplicates } from './ledgerDuplicates';
import { commitPreparedLogged, prepareImport, type PreparedImport } from './ledgerImports';
import type { LedgerBatchRecord, PackedStrings } from './ledgerTypes';
import type { CommitInfo, ImportCheck, ImportChunk } from './repositories';

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
  /** -1, or the index of the earlier row of the same import this row repeats. */
  readonly duplicateOf?: Int32Array;
}

export type LedgerWorkerRequest =
  | {
      readonly id: number;
      readonly kind: 'append';
      readonly session: number;
      readonly columns: WireColumns;
      readonly categoryIds: readonly CategoryId[];
    }
  | { readonly id: number; readonly kind: 'check'; readonly session: number; readonly maxListed?: number }
  | {
      readonly id: number;
      readonly kind: 'commit';
      readonly session: number;
      readonly info: CommitInfo;
      readonly skipDuplicates: boolean;
    }
  | { readonly id: number; readonly kind: 'drop'; readonly session: number };

export type LedgerWorkerResponse =
  | { readonly id: number; readonly type: 'appended' }
  | { readonly id: number; readonly type: 'checked'; readonly check: ImportCheck }
  | { readonly id: number; readonly type: 'committed'; readonly batch: LedgerBatchRecord }
  | { readonly id: number; readonly type: 'dropped' }
  /** The rows are split into chunk records and the write transaction is starting. */
  | { readonly id: number; readonly type: 'writing'; readonly rows: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

/** The text of a wire column, exactly as the import worker read it. */
function textOf(w: WireText): PackedStrings {
  return { text: unitChunksToText(w.chunks), offsets: w.offsets };
}

/** Rebuilds the columns from the wire form. */
export function columnsFromWire(w: WireColumns): ImportChunk {
  return {
    length: w.length,
    day: w.day,
    category: w.category,
    amountMinor: w.amountMinor,
    reference: textOf(w.reference),
    description: textOf(w.description),
    ...(w.rowNumber ? { rowNumber: w.rowNumber } : {}),
    ...(w.duplicateOf ? { duplicateOf: w.duplicateOf } : {}),
  };
}

/**
 * The rows of one import on the thread that checks and writes them: chunks
 * appended in file order, joined at the check; after the check, the skip mask
 * of the duplicates for the commit.
 */
export class HeldImport {
  private readonly parts: ImportChunk[] = [];
  private columns: LedgerColumns | null = null;
  private skipMask: Uint8Array | undefined;
  private skipped = 0;
  /**
   * The chunk records for the default choice (duplicates skipped), started as soon as
   * the check is answered: the user reads the plan before pressing Import, so the
   * commit is left with the write alone (the split took 110-150 ms of a 1M-row commit).
   */
  private prepared: Promise<PreparedImport> | null = null;

  constructor(readonly categoryIds: readonly CategoryId[]) {}

  append(chunk: ImportChunk): void {
    if (chunk.duplicateOf && chunk.duplicateOf.length !== chunk.length)
      throw new RangeError('duplicateOf must have one entry per row');
    this.parts.push(chunk);
    this.columns = null;
    this.prepared = null;
  }

  /** Duplicates of stored rows and the plan; the rows stay held for the commit. */
  async check(maxListed?: number): Promise<ImportCheck> {
    const columns = concatColumns(this.parts.length ? this.parts : [EMPTY]);
    const duplicateOf = concatOptionalInt32(
      this.parts.map((p) => ({ length: p.length, values: p.duplicateOf })),
      -1,
    );
    const { categoryIds } = this;
    const stored = await findStoredDuplicates(columns, categoryIds, maxListed ? { maxListed } : {});
    const { plan, skipMask } = planImport(columns.amountMinor, duplicateOf, stored.mask);
    const seen = new Uint8Array(256);
    for (let i = 0; i < columns.length; i++) seen[columns.category[i]!] = 1;
    const categoriesUsed = categoryIds.filter((_, k) => seen[k]);
    this.columns = columns;
    this.skipMask = skipMask;
    this.skipped = plan.skipping.skipped;
    // Started after this answer is posted, not before it.
    const records = new Promise((next) => setTimeout(next, 0)).then(() =>
      prepareImport(columns, categoryIds, skipMask),
    );
    // A failure here is met again, and reported, by the commit's own preparation.
    records.catch(() => undefined);
    this.prepared = records;
    return { stored, plan, categoriesUsed };
  }

  /** Stores the rows (without the duplicates when asked) as one batch with its history record, atomically. */
  async commit(
    info: CommitInfo,
    skipDuplicates: boolean,
    onWriting: (rows: number) => void,
  ): Promise<LedgerBatchRecord> {
    if (!this.columns) throw new Error('Check the import before committing it');
    const skip = skipDuplicates ? this.skipMask : undefined;
    const early = this.prepared;
    this.prepared = null;
    // The early records leave the duplicates out; with none to leave out, both choices store the same rows.
    const ready = early && (skipDuplicates || this.skipped === 0) ? await early.catch(() => null) : null;
    const prepared = ready ?? (await prepareImport(this.columns, this.categoryIds, skip));
    onWriting(prepared.rowCount);
    return commitPreparedLogged(prepared, { ...info, skippedDuplicates: skip ? this.skipped : 0 });
  }
}

const EMPTY: LedgerColumns = {
  length: 0,
  day: new Int32Array(0),
  category: new Uint8Array(0),
  amountMinor: new Float64Array(0),
  reference: { text: '', offsets: Uint32Array.of(0) },
  description: { text: '', offsets: Uint32Array.of(0) },
};
