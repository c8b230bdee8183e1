/**
 * Duplicates of an import against the stored ledger: rows whose date,
 * category, amount and reference equal a stored row's. Storage's part only:
 * reads the key hashes of chunks whose dates overlap the import and the rows
 * the hash hits point to; the matching itself is src/domain/ledger/duplicates.ts.
 * Gives the thread a turn between slices.
 */
import { stringAt } from '../domain/import/accepted';
import { checkColumns } from '../domain/ledger/chunks';
import {
  groupCandidates,
  incomingDayRange,
  matchKeyHashes,
  sameRowKey,
  storedLayout,
} from '../domain/ledger/duplicates';
import { rowKeyHash } from '../domain/ledger/keys';
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
  const days = incomingDayRange(cols.day, skip);
  if (!days) return { count: 0, mask, listed: [] };
  const { minDay, maxDay } = days;

  const [metas, manual] = await Promise.all([
    d.ledgerChunkMeta.toArray(),
    d.ledgerManual.where('day').between(minDay, maxDay, true, true).toArray(),
  ]);
  globalThis.performance?.mark?.('headroom:dup:loaded-meta');
  const overlapping = metas.filter((m) => m.maxDay >= minDay && m.minDay <= maxDay);
  const keyRecords = (await d.ledgerChunkKeys.bulkGet(overlapping.map((m) => m.id))).filter(
    (k): k is LedgerChunkKeysRecord => !!k,
  );
  const chunkHashes = keyRecords.map((k) => k.hashes);
  const layout = storedLayout(chunkHashes, manual.length);
  if (layout.stored === 0) return { count: 0, mask, listed: [] };

  globalThis.performance?.mark?.('headroom:dup:loaded-keys');
  const manualHashes = manual.map((m) => rowKeyHash(m.day, m.categoryId, m.amountMinor, m.reference));
  const matching = matchKeyHashes(cols, categoryIds, chunkHashes, manualHashes, skip);
  let step = matching.next();
  while (!step.done) {
    await yieldToMain();
    step = matching.next();
  }
  const candidates = step.value;

  globalThis.performance?.mark?.('headroom:dup:probed');
  // Confirm each candidate against the stored row.
  const listed: StoredDuplicate[] = [];
  const listedPush = (x: StoredDuplicate) => {
    if (listed.length < maxListed) listed.push(cols.rowNumber ? { ...x, row: cols.rowNumber[x.index]! } : x);
  };
  const groups = groupCandidates(candidates, layout);
  for (const k of groups.manual) {
    const m = manual[candidates.stored(k) - layout.chunkRows]!;
    const i = candidates.incoming(k);
    if (!mask[i] && sameRowKey(cols, categoryIds, i, m)) {
      mask[i] = 1;
      listedPush({ index: i, stored: { source: 'manual', manualId: m.id! } });
    }
  }
  const batches = new Map((await d.ledgerBatches.toArray()).map((b) => [b.id, b]));
  for (const [c, list] of groups.byChunk) {
    const chunk = await d.ledgerChunks.get(keyRecords[c]!.id);
    if (!chunk) continue;
    for (const k of list) {
      const i = candidates.incoming(k);
      if (mask[i]) continue;
      const r = candidates.stored(k) - layout.chunkStart[c]!;
      const key = {
        day: chunk.day[r]!,
        amountMinor: chunk.amountMinor[r]!,
        categoryId: chunk.categoryIds[chunk.category[r]!]!,
        reference: stringAt(chunk.reference, r),
      };
      if (sameRowKey(cols, categoryIds, i, key)) {
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
