/**
 * The import page's preview in team mode: which accepted rows repeat a row
 * already stored on the server (the same date, category, amount and
 * reference as a row of another batch or a manual entry — the local import's
 * key). Only the (category, day) pairs of the file are sent; the server
 * answers with its rows on the days the ledger shares with them (none for a
 * new month), and the match is made here. When the server has more rows on
 * those days than it sends for a preview, the preview counts none and the
 * commit still checks (server/ledger/storedDuplicates.ts, in the import's transaction).
 */
import type { CategoryId } from '../../domain/model';
import type { ImportChunk, StoredDuplicate, StoredDuplicates, StoredRowRef } from '../repositories';
import type { ServerApi } from './api';

interface PreviewRow {
  day: number;
  categoryId: string;
  amountMinor: number;
  reference: string;
  stored: StoredRowRef;
}

const key = (day: number, categoryId: string, amountMinor: number, reference: string) =>
  `${day}\u0000${categoryId}\u0000${amountMinor}\u0000${reference}`;

export async function storedDuplicatesOnServer(
  api: ServerApi,
  chunks: readonly ImportChunk[],
  categoryIds: readonly CategoryId[],
  maxListed = 1000,
): Promise<StoredDuplicates> {
  const n = chunks.reduce((s, c) => s + c.length, 0);
  const mask = new Uint8Array(n);
  const byCategory = new Map<number, Set<number>>();
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      let days = byCategory.get(c.category[i]!);
      if (!days) byCategory.set(c.category[i]!, (days = new Set()));
      days.add(c.day[i]!);
    }
  }
  if (!byCategory.size) return { count: 0, mask, listed: [] };
  const answer = await api.write<{ rows?: PreviewRow[]; tooMany?: number }>('POST', '/api/ledger/duplicates/preview', {
    days: [...byCategory].map(([c, days]) => ({ categoryId: categoryIds[c]!, days: [...days] })),
  });
  if (!answer.rows?.length) return { count: 0, mask, listed: [] };
  const stored = new Map<string, StoredRowRef>();
  for (const r of answer.rows) {
    const k = key(r.day, r.categoryId, r.amountMinor, r.reference);
    if (!stored.has(k)) stored.set(k, r.stored);
  }
  let count = 0;
  const listed: StoredDuplicate[] = [];
  let index = 0;
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++, index++) {
      const ref = c.reference.text.slice(c.reference.offsets[i], c.reference.offsets[i + 1]);
      const hit = stored.get(key(c.day[i]!, categoryIds[c.category[i]!]!, c.amountMinor[i]!, ref));
      if (!hit) continue;
      mask[index] = 1;
      count++;
      if (listed.length < maxListed)
        listed.push(c.rowNumber ? { index, row: c.rowNumber[i]!, stored: hit } : { index, stored: hit });
    }
  }
  return { count, mask, listed };
}
