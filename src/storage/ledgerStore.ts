/**
 * The ledger store: atomic imports as batches of columnar chunks, rollback,
 * manual entries, duplicate detection against stored rows, and paging.
 * Storage shapes and the reasons for them: ledgerTypes.ts.
 *
 * Every write is ONE Dexie transaction over the rows and the aggregates, so a
 * failure or a page reload in the middle leaves all of it or none of it.
 * Heavy preparation (splitting into chunks, hashing, summing) happens before
 * the transaction opens, in slices that yield to the event loop, because an
 * IndexedDB transaction commits on its own as soon as it is left idle.
 */
import type { CategoryId } from '../domain/model';
import { packStrings, stringAt } from '../domain/import/accepted';
import { db } from './db';
import {
  aggregateColumns,
  aggregateOfRow,
  aggregateTotal,
  mergeAggregate,
  sameAggregate,
  sumAggregates,
} from './ledgerAggregates';
import { notifyLedgerChanged } from './ledgerEvents';
import { HashIndex, hashColumns, rowKeyHash } from './ledgerKeys';
import type { LedgerColumns } from '../domain/ledger/types';
import type {
  CommitInfo,
  LedgerBlock,
  LedgerFilter,
  LedgerPage,
  LedgerRow,
  LedgerSummary,
  ManualEntryInput,
  SavedManualEntry,
  StoredDuplicate,
  StoredDuplicates,
} from './repositories';
import type {
  DayAggregate,
  LedgerBatchRecord,
  LedgerChunkKeysRecord,
  LedgerChunkMetaRecord,
  LedgerChunkRecord,
  ManualEntryRecord,
  PackedStrings,
} from './ledgerTypes';

export type { ImportPlan, LedgerColumns } from '../domain/ledger/types';
export { planImport } from '../domain/ledger/importPlan';
export type {
  CommitInfo,
  LedgerBlock,
  LedgerFilter,
  LedgerPage,
  LedgerRow,
  LedgerSummary,
  ManualEntryInput,
  SavedManualEntry,
  StoredDuplicate,
  StoredDuplicates,
  StoredRowRef,
} from './repositories';

/** Rows per chunk record: tens of thousands keeps each put well under a frame's worth of work. */
export const CHUNK_ROWS = 50_000;

/** Gives the event loop a turn so input and rendering are never held up by long loops. */
export function yieldToMain(): Promise<void> {
  const sched = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (sched?.yield) return sched.yield();
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

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

/** Copy of rows [from, to) of a packed column, rebased to start at 0. */
function slicePacked(col: PackedStrings, from: number, to: number): PackedStrings {
  const base = col.offsets[from]!;
  const offsets = new Uint32Array(to - from + 1);
  for (let i = from; i <= to; i++) offsets[i - from] = col.offsets[i]! - base;
  return { text: col.text.slice(base, col.offsets[to]!), offsets };
}

function gatherPacked(col: PackedStrings, rows: Int32Array): PackedStrings {
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

function checkColumns(cols: LedgerColumns, categoryIds: readonly CategoryId[]): void {
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
  checkColumns(cols, categoryIds);
  const batchId = newBatchId();
  const chunks: LedgerChunkRecord[] = [];
  const metas: LedgerChunkMetaRecord[] = [];
  const keys: LedgerChunkKeysRecord[] = [];
  const n = cols.length;
  let cursor = 0;
  let seq = 0;
  let rowCount = 0;
  while (cursor < n) {
    // Source range [start, end) holding up to CHUNK_ROWS kept rows.
    const start = cursor;
    let kept = 0;
    let end = start;
    if (skip) {
      while (end < n && kept < CHUNK_ROWS) {
        if (!skip[end]) kept++;
        end++;
      }
    } else {
      end = Math.min(n, start + CHUNK_ROWS);
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
      // slice (a copy), never subarray: a view would store the whole file's buffer.
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
    const id = chunkId(batchId, seq);
    chunks.push({
      id,
      batchId,
      seq,
      length: kept,
      categoryIds: [...categoryIds],
      day,
      category,
      amountMinor,
      reference,
      description,
      rowNumber,
    });
    metas.push({ id, batchId, seq, length: kept, minDay, maxDay, aggregates });
    keys.push({ id, batchId, minDay, maxDay, hashes });
    rowCount += kept;
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
  const d = db();
  const batch: LedgerBatchRecord = {
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
  await d.transaction('rw', LEDGER_TABLES(), async () => {
    if (await d.ledgerBatches.get(batch.id)) throw new Error(`Batch ${batch.id} already exists`);
    const catIds = [...prepared.aggregates.keys()];
    const current = await d.ledgerAggregates.bulkGet(catIds);
    const next = catIds.map((id, i) => mergeAggregate(current[i], prepared.aggregates.get(id)!, 1));
    // One put per chunk, each awaited: the structured clone of a chunk runs on
    // this thread, and issuing them one at a time keeps each task short.
    for (let i = 0; i < prepared.chunks.length; i++) {
      await Promise.all([
        d.ledgerChunks.put(prepared.chunks[i]!),
        d.ledgerChunkMeta.put(prepared.metas[i]!),
        d.ledgerChunkKeys.put(prepared.keys[i]!),
      ]);
    }
    await d.ledgerAggregates.bulkPut(next);
    await d.ledgerBatches.add(batch);
  });
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

// ---------------------------------------------------------------------------
// Manual entries

function checkManual(e: ManualEntryInput): void {
  if (!Number.isInteger(e.day)) throw new RangeError('A manual entry needs a day number');
  if (!e.categoryId) throw new RangeError('A manual entry needs a category');
  if (!Number.isSafeInteger(e.amountMinor))
    throw new RangeError(`Amount ${e.amountMinor} is not a safe integer of fen`);
}

/**
 * Saves a manual entry (new, edited or restored by undo) and updates the
 * aggregates in the same transaction. Returns the stored record with its id.
 */
export async function saveManualEntry(input: ManualEntryInput): Promise<SavedManualEntry> {
  checkManual(input);
  const d = db();
  const now = new Date().toISOString();
  const saved = await d.transaction('rw', [d.ledgerManual, d.ledgerAggregates], async () => {
    const old = input.id !== undefined ? await d.ledgerManual.get(input.id) : undefined;
    const record: ManualEntryRecord = {
      ...(input.id !== undefined ? { id: input.id } : {}),
      day: input.day,
      categoryId: input.categoryId,
      amountMinor: input.amountMinor,
      reference: input.reference,
      description: input.description,
      createdAt: old?.createdAt ?? input.createdAt ?? now,
      updatedAt: now,
    };
    const touched = new Map<CategoryId, DayAggregate | undefined>();
    const get = async (id: CategoryId) => {
      if (!touched.has(id)) touched.set(id, await d.ledgerAggregates.get(id));
      return touched.get(id);
    };
    if (old)
      touched.set(
        old.categoryId,
        mergeAggregate(await get(old.categoryId), aggregateOfRow(old.categoryId, old.day, old.amountMinor), -1),
      );
    touched.set(
      record.categoryId,
      mergeAggregate(
        await get(record.categoryId),
        aggregateOfRow(record.categoryId, record.day, record.amountMinor),
        1,
      ),
    );
    const id = await d.ledgerManual.put(record);
    for (const [catId, agg] of touched) {
      if (agg && agg.days.length > 0) await d.ledgerAggregates.put(agg);
      else await d.ledgerAggregates.delete(catId);
    }
    return { ...record, id };
  });
  notifyLedgerChanged('rows');
  return saved;
}

/** Deletes a manual entry and takes it out of the aggregates; returns what was deleted. */
export async function deleteManualEntry(id: number): Promise<SavedManualEntry | undefined> {
  const d = db();
  const removed = await d.transaction('rw', [d.ledgerManual, d.ledgerAggregates], async () => {
    const old = await d.ledgerManual.get(id);
    if (!old) return undefined;
    const agg = mergeAggregate(
      await d.ledgerAggregates.get(old.categoryId),
      aggregateOfRow(old.categoryId, old.day, old.amountMinor),
      -1,
    );
    if (agg.days.length > 0) await d.ledgerAggregates.put(agg);
    else await d.ledgerAggregates.delete(old.categoryId);
    await d.ledgerManual.delete(id);
    return { ...old, id };
  });
  if (removed) notifyLedgerChanged('rows');
  return removed;
}

export async function getManualEntry(id: number): Promise<ManualEntryRecord | undefined> {
  return db().ledgerManual.get(id);
}

// ---------------------------------------------------------------------------
// Duplicates against stored rows

/**
 * Finds incoming rows whose date, category, amount and reference equal a
 * stored row's (manual or imported). Loads only the key hashes of chunks
 * whose dates overlap the incoming rows, then confirms every hash hit
 * against the stored row itself. Rows with `skip[i]` set are not checked.
 */
export async function findStoredDuplicates(
  cols: LedgerColumns,
  categoryIds: readonly CategoryId[],
  options: { skip?: Uint8Array; maxListed?: number } = {},
): Promise<StoredDuplicates> {
  checkColumns(cols, categoryIds);
  const { skip, maxListed = 1000 } = options;
  const n = cols.length;
  const mask = new Uint8Array(n);
  const d = db();
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < n; i++) {
    if (skip && skip[i]) continue;
    const v = cols.day[i]!;
    if (v < minDay) minDay = v;
    if (v > maxDay) maxDay = v;
  }
  if (minDay === Infinity) return { count: 0, mask, listed: [] };

  const [metas, manual] = await Promise.all([
    d.ledgerChunkMeta.toArray(),
    d.ledgerManual.where('day').between(minDay, maxDay, true, true).toArray(),
  ]);
  globalThis.performance?.mark?.('headroom:dup:loaded-meta');
  const overlapping = metas.filter((m) => m.maxDay >= minDay && m.minDay <= maxDay);
  const keyRecords = (await d.ledgerChunkKeys.bulkGet(overlapping.map((m) => m.id))).filter(
    (k): k is LedgerChunkKeysRecord => !!k,
  );
  // Payload of a stored row: its position in the chunks concatenated, then the manual rows.
  const chunkStart = new Float64Array(keyRecords.length + 1);
  for (let c = 0; c < keyRecords.length; c++) chunkStart[c + 1] = chunkStart[c]! + keyRecords[c]!.hashes.length / 2;
  const chunkRows = chunkStart[keyRecords.length]!;
  const stored = chunkRows + manual.length;
  if (stored === 0) return { count: 0, mask, listed: [] };

  globalThis.performance?.mark?.('headroom:dup:loaded-keys');
  // Candidates: incoming index + stored payload, in typed arrays grown on demand.
  let candIn = new Int32Array(1024);
  let candAt = new Float64Array(1024);
  let nCand = 0;
  const addCandidate = (i: number, payload: number) => {
    if (nCand === candIn.length) {
      const a = new Int32Array(nCand * 2);
      a.set(candIn);
      candIn = a;
      const b = new Float64Array(nCand * 2);
      b.set(candAt);
      candAt = b;
    }
    candIn[nCand] = i;
    candAt[nCand] = payload;
    nCand++;
  };
  const manualHashes = manual.map((m) => rowKeyHash(m.day, m.categoryId, m.amountMinor, m.reference));
  const hashes = new Uint32Array(2 * n);
  const slice = 50_000;
  let incoming = 0;
  for (let from = 0; from < n; from += slice) {
    const to = Math.min(n, from + slice);
    hashColumns(cols.day, cols.category, categoryIds, cols.amountMinor, cols.reference, hashes, from, to);
    for (let i = from; i < to; i++) if (!(skip && skip[i])) incoming++;
    await yieldToMain();
  }
  // Index the smaller side and stream the larger one through it: 2,000 new
  // rows against a million stored ones build a tiny table, not a 24 MB one.
  if (incoming <= stored) {
    const index = new HashIndex(incoming);
    for (let from = 0; from < n; from += slice) {
      const to = Math.min(n, from + slice);
      for (let i = from; i < to; i++) if (!(skip && skip[i])) index.add(hashes[2 * i]!, hashes[2 * i + 1]!, i);
      await yieldToMain();
    }
    globalThis.performance?.mark?.('headroom:dup:indexed');
    for (let c = 0; c < keyRecords.length; c++) {
      const h = keyRecords[c]!.hashes;
      const base = chunkStart[c]!;
      for (let r = 0, rows = h.length / 2; r < rows; r++)
        index.forEach(h[2 * r]!, h[2 * r + 1]!, (i) => addCandidate(i, base + r));
      await yieldToMain();
    }
    manualHashes.forEach(([h1, h2], k) => index.forEach(h1, h2, (i) => addCandidate(i, chunkRows + k)));
  } else {
    const index = new HashIndex(stored);
    for (let c = 0; c < keyRecords.length; c++) {
      const h = keyRecords[c]!.hashes;
      const base = chunkStart[c]!;
      for (let r = 0, rows = h.length / 2; r < rows; r++) index.add(h[2 * r]!, h[2 * r + 1]!, base + r);
      await yieldToMain();
    }
    manualHashes.forEach(([h1, h2], k) => index.add(h1, h2, chunkRows + k));
    globalThis.performance?.mark?.('headroom:dup:indexed');
    for (let from = 0; from < n; from += slice) {
      const to = Math.min(n, from + slice);
      for (let i = from; i < to; i++) {
        if (!(skip && skip[i]))
          index.forEach(hashes[2 * i]!, hashes[2 * i + 1]!, (payload) => addCandidate(i, payload));
      }
      await yieldToMain();
    }
  }

  globalThis.performance?.mark?.('headroom:dup:probed');
  // Confirm each candidate against the stored row.
  const listed: StoredDuplicate[] = [];
  const listedPush = (x: StoredDuplicate) => {
    if (listed.length < maxListed) listed.push(cols.rowNumber ? { ...x, row: cols.rowNumber[x.index]! } : x);
  };
  const byChunk = new Map<number, number[]>();
  for (let k = 0; k < nCand; k++) {
    const p = candAt[k]!;
    if (p >= chunkRows) {
      const m = manual[p - chunkRows]!;
      const i = candIn[k]!;
      if (
        !mask[i] &&
        m.day === cols.day[i] &&
        m.categoryId === categoryIds[cols.category[i]!] &&
        m.amountMinor === cols.amountMinor[i] &&
        m.reference === stringAt(cols.reference, i)
      ) {
        mask[i] = 1;
        listedPush({ index: i, stored: { source: 'manual', manualId: m.id! } });
      }
      continue;
    }
    // The chunk holding stored row p: last c with chunkStart[c] <= p.
    let lo = 0;
    let hi = keyRecords.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunkStart[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    let list = byChunk.get(lo);
    if (!list) byChunk.set(lo, (list = []));
    list.push(k);
  }
  const batches = new Map((await d.ledgerBatches.toArray()).map((b) => [b.id, b]));
  for (const [c, list] of byChunk) {
    const chunk = await d.ledgerChunks.get(keyRecords[c]!.id);
    if (!chunk) continue;
    for (const k of list) {
      const i = candIn[k]!;
      if (mask[i]) continue;
      const r = candAt[k]! - chunkStart[c]!;
      if (
        chunk.day[r] === cols.day[i] &&
        chunk.amountMinor[r] === cols.amountMinor[i] &&
        chunk.categoryIds[chunk.category[r]!] === categoryIds[cols.category[i]!] &&
        stringAt(chunk.reference, r) === stringAt(cols.reference, i)
      ) {
        mask[i] = 1;
        listedPush({
          index: i,
          stored: {
            source: 'import',
            batchId: chunk.batchId,
            fileName: batches.get(chunk.batchId)?.fileName ?? '',
            rowNumber: chunk.rowNumber[r]!,
          },
        });
      }
    }
    await yieldToMain();
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += mask[i]!;
  listed.sort((a, b) => a.index - b.index);
  return { count, mask, listed };
}

// ---------------------------------------------------------------------------
// Reading rows: pages for the ledger table, and every row for exports

function matches(f: LedgerFilter, categoryId: CategoryId, day: number): boolean {
  return (
    (!f.categoryId || f.categoryId === categoryId) &&
    (f.startDay == null || day >= f.startDay) &&
    (f.endDay == null || day <= f.endDay)
  );
}

function metaCount(m: LedgerChunkMetaRecord, f: LedgerFilter): number {
  let n = 0;
  for (const a of m.aggregates) {
    if (f.categoryId && a.categoryId !== f.categoryId) continue;
    n += aggregateTotal(a, f.startDay ?? -Infinity, f.endDay ?? Infinity).count;
  }
  return n;
}

async function orderedMetas(): Promise<{ metas: LedgerChunkMetaRecord[]; batches: Map<string, LedgerBatchRecord> }> {
  const d = db();
  const [metas, batchList] = await Promise.all([d.ledgerChunkMeta.toArray(), d.ledgerBatches.toArray()]);
  const batches = new Map(batchList.map((b) => [b.id, b]));
  // Oldest batch first, file order within a batch.
  metas.sort((a, b) => {
    const ca = batches.get(a.batchId)?.createdAt ?? '';
    const cb = batches.get(b.batchId)?.createdAt ?? '';
    return ca < cb ? -1 : ca > cb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return { metas, batches };
}

function manualRow(m: ManualEntryRecord): LedgerRow {
  return {
    key: `m:${m.id}`,
    source: 'manual',
    manualId: m.id!,
    day: m.day,
    categoryId: m.categoryId,
    amountMinor: m.amountMinor,
    reference: m.reference,
    description: m.description,
  };
}

/**
 * One page of the ledger: manual entries first (newest date first), then
 * imported rows batch by batch in file order. Reads the small chunk meta
 * records to find where the page starts and loads only the chunks the page
 * touches, so a million stored rows never reach memory at once.
 */
export async function loadLedgerPage(filter: LedgerFilter, offset: number, limit: number): Promise<LedgerPage> {
  const d = db();
  const manual = (await d.ledgerManual.toArray())
    .filter((m) => matches(filter, m.categoryId, m.day))
    .sort((a, b) => b.day - a.day || b.id! - a.id!);
  const { metas, batches } = await orderedMetas();
  const counts = metas.map((m) => metaCount(m, filter));
  const total = manual.length + counts.reduce((s, c) => s + c, 0);
  const rows: LedgerRow[] = [];
  let skipLeft = Math.max(0, offset);
  for (const m of manual) {
    if (rows.length >= limit) break;
    if (skipLeft > 0) {
      skipLeft--;
      continue;
    }
    rows.push(manualRow(m));
  }
  for (let c = 0; c < metas.length && rows.length < limit; c++) {
    if (counts[c] === 0) continue;
    if (skipLeft >= counts[c]!) {
      skipLeft -= counts[c]!;
      continue;
    }
    const chunk = await d.ledgerChunks.get(metas[c]!.id);
    if (!chunk) continue;
    const fileName = batches.get(chunk.batchId)?.fileName ?? '';
    for (let r = 0; r < chunk.length && rows.length < limit; r++) {
      const categoryId = chunk.categoryIds[chunk.category[r]!]!;
      if (!matches(filter, categoryId, chunk.day[r]!)) continue;
      if (skipLeft > 0) {
        skipLeft--;
        continue;
      }
      rows.push({
        key: `${chunk.id}#${r}`,
        source: 'import',
        batchId: chunk.batchId,
        fileName,
        rowNumber: chunk.rowNumber[r]!,
        day: chunk.day[r]!,
        categoryId,
        amountMinor: chunk.amountMinor[r]!,
        reference: stringAt(chunk.reference, r),
        description: stringAt(chunk.description, r),
      });
    }
  }
  return { total, offset, rows };
}

/**
 * Calls `fn` with every stored row, block by block: the manual entries as one
 * block, then one block per chunk (oldest batch first). One chunk in memory at a time.
 */
export async function forEachLedgerBlock(fn: (block: LedgerBlock) => void | Promise<void>): Promise<number> {
  const d = db();
  let rows = 0;
  const manual = (await d.ledgerManual.toArray()).sort((a, b) => a.day - b.day || a.id! - b.id!);
  if (manual.length > 0) {
    const categoryIds = [...new Set(manual.map((m) => m.categoryId))];
    const ci = new Map(categoryIds.map((c, i) => [c, i]));
    await fn({
      source: 'manual',
      batchId: null,
      fileName: null,
      categoryIds,
      length: manual.length,
      day: Int32Array.from(manual, (m) => m.day),
      category: Uint8Array.from(manual, (m) => ci.get(m.categoryId)!),
      amountMinor: Float64Array.from(manual, (m) => m.amountMinor),
      reference: packStrings(manual.map((m) => m.reference)),
      description: packStrings(manual.map((m) => m.description)),
      rowNumber: null,
    });
    rows += manual.length;
  }
  const { metas, batches } = await orderedMetas();
  for (const m of metas) {
    const c = await d.ledgerChunks.get(m.id);
    if (!c) continue;
    await fn({
      source: 'import',
      batchId: c.batchId,
      fileName: batches.get(c.batchId)?.fileName ?? null,
      categoryIds: c.categoryIds,
      length: c.length,
      day: c.day,
      category: c.category,
      amountMinor: c.amountMinor,
      reference: c.reference,
      description: c.description,
      rowNumber: c.rowNumber,
    });
    rows += c.length;
  }
  return rows;
}

/** Per-category aggregates of the whole ledger (a few kilobytes). */
export async function loadAggregates(): Promise<DayAggregate[]> {
  return db().ledgerAggregates.toArray();
}

/** Rows and sum (fen) of the whole ledger matching a filter, from the aggregates only. */
export async function ledgerSummary(filter: LedgerFilter): Promise<LedgerSummary> {
  let count = 0;
  let sumMinor = 0n;
  const byCategory = new Map<CategoryId, { count: number; sumMinor: bigint }>();
  for (const a of await loadAggregates()) {
    if (filter.categoryId && a.categoryId !== filter.categoryId) continue;
    const t = aggregateTotal(a, filter.startDay ?? -Infinity, filter.endDay ?? Infinity);
    count += t.count;
    sumMinor += t.sum;
    if (t.count === 0) continue;
    const c = byCategory.get(a.categoryId) ?? { count: 0, sumMinor: 0n };
    byCategory.set(a.categoryId, { count: c.count + t.count, sumMinor: c.sumMinor + t.sum });
  }
  return { count, sumMinor, byCategory };
}

/**
 * Recomputes the aggregates from the stored rows and compares them with the
 * kept ones. True when they agree exactly (used by tests and after restore).
 */
export async function verifyAggregates(): Promise<{ ok: boolean; recomputed: Map<CategoryId, DayAggregate> }> {
  const parts: DayAggregate[] = [];
  await forEachLedgerBlock((b) => {
    parts.push(...aggregateColumns(b.day, b.category, b.categoryIds, b.amountMinor));
  });
  const recomputed = sumAggregates(parts);
  const kept = await loadAggregates();
  const ok = kept.length === recomputed.size && kept.every((k) => sameAggregate(k, recomputed.get(k.categoryId)));
  return { ok, recomputed };
}
