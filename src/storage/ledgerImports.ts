/**
 * Imported batches in IndexedDB: an import's rows written atomically as
 * chunk records (see ledgerTypes.ts), rollback of one batch, and the batch
 * list. The chunks themselves are cut and summed by the pure ledger code
 * (domain/ledger/chunks.ts); this module gives the thread a turn between
 * chunks and writes them.
 *
 * Every write is ONE Dexie transaction over the rows and the aggregates, so a
 * failure or a page reload in the middle leaves all of it or none of it.
 * Heavy preparation happens before the transaction opens, because an
 * IndexedDB transaction commits on its own as soon as it is left idle.
 */
import { aggregateTotal, mergeAggregate, sumAggregates } from '../domain/ledger/aggregates';
import { CHUNK_ROWS, splitIntoChunks } from '../domain/ledger/chunks';
import type { DayAggregate, LedgerColumns } from '../domain/ledger/types';
import type { CategoryId } from '../domain/model';
import { yieldToMain } from '../workers/yieldToMain';
import { fromDayNumber } from '../domain/dates';
import { db } from './db';
import { commitWithHistory } from './history';
import { notifyLedgerChanged } from './ledgerEvents';
import type { LedgerBatchRecord, LedgerChunkKeysRecord, LedgerChunkMetaRecord, LedgerChunkRecord } from './ledgerTypes';
import type { CommitInfo } from './repositories';

export { CHUNK_ROWS } from '../domain/ledger/chunks';

function newBatchId(): string {
  const rand =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `b-${Date.now().toString(36)}-${rand}`;
}

function chunkId(batchId: string, seq: number): string {
  return `${batchId}:${String(seq).padStart(6, '0')}`;
}

/** A batch split into the records one transaction will write. */
export interface PreparedImport {
  readonly batchId: string;
  readonly chunks: LedgerChunkRecord[];
  readonly metas: LedgerChunkMetaRecord[];
  readonly keys: LedgerChunkKeysRecord[];
  /** Per-category per-day sums and counts of the whole batch. */
  readonly aggregates: Map<CategoryId, DayAggregate>;
  readonly rowCount: number;
  readonly totalMinor: bigint;
  readonly minDay: number | null;
  readonly maxDay: number | null;
}

/**
 * Splits rows into chunk records (CHUNK_ROWS each), leaving out rows with
 * `skip[i]` non-zero, and computes each chunk's aggregates and key hashes.
 * Yields between chunks. Nothing is written.
 */
export async function prepareImport(
  cols: LedgerColumns,
  categoryIds: readonly CategoryId[],
  skip?: Uint8Array,
): Promise<PreparedImport> {
  const batchId = newBatchId();
  const chunks: LedgerChunkRecord[] = [];
  const metas: LedgerChunkMetaRecord[] = [];
  const keys: LedgerChunkKeysRecord[] = [];
  let seq = 0;
  let rowCount = 0;
  for (const part of splitIntoChunks(cols, categoryIds, skip, CHUNK_ROWS)) {
    const { length, minDay, maxDay, aggregates, hashes } = part;
    const id = chunkId(batchId, seq);
    chunks.push({
      id,
      batchId,
      seq,
      length,
      categoryIds: [...categoryIds],
      day: part.day,
      category: part.category,
      amountMinor: part.amountMinor,
      reference: part.reference,
      description: part.description,
      rowNumber: part.rowNumber,
    });
    metas.push({ id, batchId, seq, length, minDay, maxDay, aggregates });
    keys.push({ id, batchId, minDay, maxDay, hashes });
    rowCount += length;
    seq++;
    await yieldToMain();
  }
  const aggregates = sumAggregates(metas.flatMap((m) => m.aggregates));
  let totalMinor = 0n;
  let minDay: number | null = null;
  let maxDay: number | null = null;
  for (const m of metas) {
    minDay = minDay === null ? m.minDay : Math.min(minDay, m.minDay);
    maxDay = maxDay === null ? m.maxDay : Math.max(maxDay, m.maxDay);
  }
  for (const a of aggregates.values()) totalMinor += aggregateTotal(a).sum;
  globalThis.performance?.mark?.('headroom:ledger:prepared');
  return { batchId, chunks, metas, keys, aggregates, rowCount, totalMinor, minDay, maxDay };
}

const LEDGER_TABLES = () => {
  const d = db();
  return [d.ledgerBatches, d.ledgerChunks, d.ledgerChunkMeta, d.ledgerChunkKeys, d.ledgerAggregates];
};

/**
 * Writes a prepared batch in one transaction: its chunks, their meta and key
 * records, the batch record and the updated aggregates. Either all of it is
 * stored or, on any failure (quota, a closed tab, a reload), none of it.
 */
export async function commitPrepared(prepared: PreparedImport, info: CommitInfo): Promise<LedgerBatchRecord> {
  const batch = batchRecord(prepared, info);
  await writePrepared(prepared, batch);
  notifyLedgerChanged('rows');
  return batch;
}

function batchRecord(prepared: PreparedImport, info: CommitInfo): LedgerBatchRecord {
  return {
    id: prepared.batchId,
    fileName: info.fileName,
    rowCount: prepared.rowCount,
    totalMinor: prepared.totalMinor.toString(),
    createdAt: new Date().toISOString(),
    status: 'committed',
    skippedDuplicates: info.skippedDuplicates ?? 0,
    rejectedRows: info.rejectedRows ?? 0,
    minDay: prepared.minDay,
    maxDay: prepared.maxDay,
    chunkCount: prepared.chunks.length,
    ...(info.format ? { format: info.format } : {}),
  };
}

async function writePrepared(prepared: PreparedImport, batch: LedgerBatchRecord): Promise<void> {
  const d = db();
  await d.transaction('rw', LEDGER_TABLES(), async () => {
    if (await d.ledgerBatches.get(batch.id)) throw new Error(`Batch ${batch.id} already exists`);
    const catIds = [...prepared.aggregates.keys()];
    const current = await d.ledgerAggregates.bulkGet(catIds);
    const next = catIds.map((id, i) => mergeAggregate(current[i], prepared.aggregates.get(id)!, 1));
    // Every put issued before any is awaited: each put clones its chunk here, at
    // once, and the database writes one while the next is cloned. Awaiting each
    // chunk's puts in turn (as when this ran on the main thread, to keep its tasks
    // short) left the database idle during every clone and this thread idle during
    // every write. Imports commit in the ledger worker (ledgerWorker.ts).
    const puts: Promise<unknown>[] = [];
    for (let i = 0; i < prepared.chunks.length; i++) {
      puts.push(
        d.ledgerChunks.put(prepared.chunks[i]!),
        d.ledgerChunkMeta.put(prepared.metas[i]!),
        d.ledgerChunkKeys.put(prepared.keys[i]!),
      );
    }
    await Promise.all(puts);
    await d.ledgerAggregates.bulkPut(next);
    await d.ledgerBatches.add(batch);
  });
}

/**
 * commitPrepared with its change-history record in the same transaction: one
 * record for the whole import — batch, row count, totals per category, the
 * file's SHA-256 (`info.fileSha256`) — stored with the rows or not at all.
 */
export async function commitPreparedLogged(prepared: PreparedImport, info: CommitInfo): Promise<LedgerBatchRecord> {
  const batch = batchRecord(prepared, info);
  const totalsByCategory = Object.fromEntries(
    [...prepared.aggregates].map(([id, a]) => [id, aggregateTotal(a).sum.toString()]),
  );
  await commitWithHistory(LEDGER_TABLES(), async () => ({
    input: {
      kind: 'import',
      subject: batch.id,
      before: null,
      after: {
        batchId: batch.id,
        fileName: batch.fileName,
        fileSha256: info.fileSha256 ?? null,
        rowCount: batch.rowCount,
        totalMinor: batch.totalMinor,
        totalsByCategory,
        skippedDuplicates: batch.skippedDuplicates,
        rejectedRows: batch.rejectedRows,
        firstDate: batch.minDay === null ? null : fromDayNumber(batch.minDay),
        lastDate: batch.maxDay === null ? null : fromDayNumber(batch.maxDay),
      },
    },
    write: () => writePrepared(prepared, batch),
  }));
  notifyLedgerChanged('rows');
  return batch;
}

/** prepareImport + commitPrepared: stores every kept row as one batch, or nothing. */
export async function commitImport(
  cols: LedgerColumns,
  categoryIds: readonly CategoryId[],
  info: CommitInfo,
  skip?: Uint8Array,
): Promise<LedgerBatchRecord> {
  return commitPrepared(await prepareImport(cols, categoryIds, skip), info);
}

/**
 * Removes exactly the rows of one batch and takes them out of the aggregates,
 * in one transaction; the batch record stays, marked rolled back.
 */
export async function rollbackBatch(batchId: string): Promise<LedgerBatchRecord> {
  const d = db();
  const out = await d.transaction('rw', LEDGER_TABLES(), async () => {
    const batch = await d.ledgerBatches.get(batchId);
    if (!batch) throw new Error(`No import batch "${batchId}"`);
    if (batch.status === 'rolled-back') return batch;
    const metas = await d.ledgerChunkMeta.where('batchId').equals(batchId).toArray();
    const delta = sumAggregates(metas.flatMap((m) => m.aggregates));
    const catIds = [...delta.keys()];
    const current = await d.ledgerAggregates.bulkGet(catIds);
    const next = catIds.map((id, i) => mergeAggregate(current[i], delta.get(id)!, -1));
    await d.ledgerChunks.where('batchId').equals(batchId).delete();
    await d.ledgerChunkMeta.where('batchId').equals(batchId).delete();
    await d.ledgerChunkKeys.where('batchId').equals(batchId).delete();
    const emptied = next.filter((a) => a.days.length === 0).map((a) => a.categoryId);
    await d.ledgerAggregates.bulkPut(next.filter((a) => a.days.length > 0));
    await d.ledgerAggregates.bulkDelete(emptied);
    const rolled: LedgerBatchRecord = { ...batch, status: 'rolled-back', rolledBackAt: new Date().toISOString() };
    await d.ledgerBatches.put(rolled);
    return rolled;
  });
  notifyLedgerChanged('rows');
  return out;
}

/** Import batches, newest first. */
export async function listBatches(): Promise<LedgerBatchRecord[]> {
  const all = await db().ledgerBatches.orderBy('createdAt').reverse().toArray();
  return all;
}

/**
 * Each stored batch's total (minor units) per category, from the chunk
 * aggregates, so a batch's amounts can be told apart by currency. A
 * rolled-back batch has no chunks left and is absent.
 */
export async function batchTotalsByCategory(): Promise<Map<string, Map<CategoryId, bigint>>> {
  const out = new Map<string, Map<CategoryId, bigint>>();
  for (const m of await db().ledgerChunkMeta.toArray()) {
    const totals = out.get(m.batchId) ?? new Map<CategoryId, bigint>();
    for (const a of m.aggregates) totals.set(a.categoryId, (totals.get(a.categoryId) ?? 0n) + aggregateTotal(a).sum);
    out.set(m.batchId, totals);
  }
  return out;
}
