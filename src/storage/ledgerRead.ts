/**
 * Reading the stored ledger: pages for the ledger table, every row block by
 * block for exports, and sums from the per-day aggregates. Only the chunks a
 * page touches are loaded, so a million stored rows never reach memory at once.
 */
import { packStrings, stringAt } from '../domain/import/accepted';
import { aggregateColumns, aggregateTotal, sameAggregate, sumAggregates } from '../domain/ledger/aggregates';
import type { DayAggregate } from '../domain/ledger/types';
import type { CategoryId } from '../domain/model';
import { db } from './db';
import type { LedgerBatchRecord, LedgerChunkMetaRecord, ManualEntryRecord } from './ledgerTypes';
import type { LedgerBlock, LedgerFilter, LedgerPage, LedgerRow, LedgerSummary } from './repositories';

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
