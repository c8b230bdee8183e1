/**
 * Duplicates of an import against the stored ledger: rows whose date,
 * category, amount and reference equal a stored row's. Reads only the key
 * hashes of chunks whose dates overlap the import, then confirms every hash
 * hit against the stored row itself; gives the thread a turn between slices.
 */
import { stringAt } from '../domain/import/accepted';
import { checkColumns } from '../domain/ledger/chunks';
import { HashIndex, hashColumns, rowKeyHash } from '../domain/ledger/keys';
import type { LedgerColumns } from '../domain/ledger/types';
import type { CategoryId } from '../domain/model';
import { yieldToMain } from '../workers/yieldToMain';
import { db } from './db';
import type { LedgerChunkKeysRecord } from './ledgerTypes';
import type { StoredDuplicate, StoredDuplicates } from './repositories';

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
