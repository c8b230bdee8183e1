/**
 * An import's rows checked against the STORED ledger, inside the import's
 * own transaction, after its rows were copied in: a new row is a duplicate
 * when a row of another batch (pending or committed; rejected and rolled-back
 * batches have no rows) or a manual entry has the same date, category, amount
 * and reference — the key of the local import (src/domain/ledger/duplicates.ts).
 *
 * Fast whatever the ledger's size: the per-day aggregates (ledger_daily, a few
 * thousand rows) say first which (category, day) pairs the new batch shares
 * with what is stored. A new month's ledger shares none, and the check ends
 * there — one small query, no index to maintain during the COPY. Only rows on
 * shared days are compared (a hash semi-join in PostgreSQL), and when the
 * import skips duplicates, those rows, their aggregates and the batch's count
 * and total are taken out again in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import type { Db, Queryable } from '../db';
import { requireRole } from '../http/auth';
import { parse, refuse } from '../http/errors';

export interface DuplicateBucket {
  count: number;
  /** Exact sum in minor units (decimal string). */
  totalMinor: string;
}

export interface StoredDuplicateRef {
  /** Row number of the new row in its file. */
  row: number;
  stored:
    { source: 'import'; batchId: string; fileName: string; rowNumber: number } | { source: 'manual'; manualId: number };
}

export interface StoredDuplicatesReport extends DuplicateBucket {
  /** Per category, the stored duplicates' count and total. */
  byCategory: Record<string, DuplicateBucket>;
  /** The first 20, each with a stored row it repeats. */
  listed: StoredDuplicateRef[];
  /** True when they were left out of the batch (skipDuplicates), false when stored with it. */
  skipped: boolean;
}

const LISTED = 20;

const SAME_KEY = (n: string, o: string) =>
  `${o}.category_id = ${n}.category_id AND ${o}.day = ${n}.day AND ${o}.amount_minor = ${n}.amount_minor AND ${o}.reference = ${n}.reference`;

/** Checks batch `batchId` (its rows and aggregates already written) against everything else stored. */
export async function checkStoredDuplicates(
  q: Queryable,
  batchId: string,
  skip: boolean,
): Promise<StoredDuplicatesReport> {
  const none: StoredDuplicatesReport = { count: 0, totalMinor: '0', byCategory: {}, listed: [], skipped: skip };
  const shared = await q.query<{ category_id: string; day: number }>(
    `SELECT n.category_id, n.day FROM ledger_daily n
     WHERE n.source = $1 AND EXISTS (
       SELECT 1 FROM ledger_daily o WHERE o.source <> $1 AND o.category_id = n.category_id AND o.day = n.day)`,
    [batchId],
  );
  if (!shared.rows.length) return none;

  // The new rows that repeat a stored row, held for the rest of the transaction.
  await q.query(
    `CREATE TEMP TABLE import_stored_duplicates ON COMMIT DROP AS
     WITH s AS (SELECT * FROM unnest($2::text[], $3::int[]) AS s(category_id, day)),
     -- The stored side, on shared days only: what the semi-join hashes stays small.
     o AS (SELECT o.category_id, o.day, o.amount_minor, o.reference FROM ledger_rows o JOIN s USING (category_id, day)
           WHERE o.batch_id <> $1
           UNION ALL
           SELECT m.category_id, m.day, m.amount_minor, m.reference FROM ledger_manual m JOIN s USING (category_id, day))
     SELECT n.row_number, n.category_id, n.day, n.amount_minor, n.reference
     FROM ledger_rows n JOIN s USING (category_id, day)
     WHERE n.batch_id = $1 AND EXISTS (SELECT 1 FROM o WHERE ${SAME_KEY('n', 'o')})`,
    [batchId, shared.rows.map((r) => r.category_id), shared.rows.map((r) => Number(r.day))],
  );
  const byCategory = await q.query<{ category_id: string; n: number; s: string }>(
    `SELECT category_id, count(*)::int AS n, sum(amount_minor)::text AS s FROM import_stored_duplicates
     GROUP BY category_id ORDER BY category_id`,
  );
  if (!byCategory.rows.length) {
    await q.query('DROP TABLE import_stored_duplicates');
    return none;
  }
  const listed = await q.query<{
    row_number: number;
    batch_id: string | null;
    file_name: string | null;
    stored_row: number | null;
    manual_id: number | null;
  }>(
    `SELECT d.row_number, o.batch_id, b.file_name, o.row_number AS stored_row, m.id AS manual_id
     FROM (SELECT * FROM import_stored_duplicates ORDER BY row_number LIMIT ${LISTED}) d
     LEFT JOIN LATERAL (SELECT o.batch_id, o.row_number FROM ledger_rows o
                        WHERE o.batch_id <> $1 AND ${SAME_KEY('d', 'o')} ORDER BY o.batch_id, o.row_number LIMIT 1) o ON true
     LEFT JOIN ledger_batches b ON b.id = o.batch_id
     LEFT JOIN LATERAL (SELECT m.id FROM ledger_manual m WHERE ${SAME_KEY('d', 'm')} ORDER BY m.id LIMIT 1) m
       ON o.batch_id IS NULL
     ORDER BY d.row_number`,
    [batchId],
  );

  if (skip) {
    await q.query(
      `DELETE FROM ledger_rows n USING import_stored_duplicates d WHERE n.batch_id = $1 AND n.row_number = d.row_number`,
      [batchId],
    );
    await q.query(
      `UPDATE ledger_daily x SET sum_minor = x.sum_minor - g.s, row_count = x.row_count - g.n
       FROM (SELECT category_id, day, sum(amount_minor) AS s, count(*)::int AS n FROM import_stored_duplicates
             GROUP BY category_id, day) g
       WHERE x.source = $1 AND x.category_id = g.category_id AND x.day = g.day`,
      [batchId],
    );
    await q.query('DELETE FROM ledger_daily WHERE source = $1 AND row_count = 0', [batchId]);
    await q.query(
      `UPDATE ledger_batches b SET row_count = a.n, total_minor = a.s, min_day = a.lo, max_day = a.hi,
         skipped_duplicates = b.skipped_duplicates + $2
       FROM (SELECT coalesce(sum(row_count), 0)::int AS n, coalesce(sum(sum_minor), 0) AS s, min(day) AS lo, max(day) AS hi
             FROM ledger_daily WHERE source = $1) a
       WHERE b.id = $1`,
      [batchId, byCategory.rows.reduce((a, r) => a + Number(r.n), 0)],
    );
  }
  await q.query('DROP TABLE import_stored_duplicates');

  let count = 0;
  let total = 0n;
  for (const r of byCategory.rows) {
    count += Number(r.n);
    total += BigInt(r.s);
  }
  return {
    count,
    totalMinor: total.toString(),
    byCategory: Object.fromEntries(
      byCategory.rows.map((r) => [r.category_id, { count: Number(r.n), totalMinor: r.s }]),
    ),
    listed: listed.rows.map((r) => ({
      row: Number(r.row_number),
      stored:
        r.batch_id !== null
          ? { source: 'import', batchId: r.batch_id, fileName: r.file_name ?? '', rowNumber: Number(r.stored_row) }
          : { source: 'manual', manualId: Number(r.manual_id) },
    })),
    skipped: skip,
  };
}

// ---------------------------------------------------------------------------
// Before an import: the stored rows it could repeat, for the import page's preview

/** Most stored rows the preview is sent; past it the preview says so and the commit still checks. */
export const PREVIEW_MAX_ROWS = 200_000;

export interface StoredKeyRow {
  day: number;
  categoryId: string;
  amountMinor: number;
  reference: string;
  stored: StoredDuplicateRef['stored'];
}

/**
 * The stored rows (other batches and manual entries) on the (category, day)
 * pairs given that the ledger also has: what an import with rows on those
 * days could repeat. Null when they are more than PREVIEW_MAX_ROWS.
 */
export async function storedRowsOnDays(
  q: Queryable,
  pairs: readonly { categoryId: string; day: number }[],
): Promise<{ rows: StoredKeyRow[] } | { tooMany: number }> {
  const cats = pairs.map((p) => p.categoryId);
  const days = pairs.map((p) => p.day);
  const { rows: n } = await q.query<{ n: number }>(
    `SELECT coalesce(sum(d.row_count), 0)::int AS n FROM ledger_daily d
     JOIN unnest($1::text[], $2::int[]) AS s(category_id, day) ON s.category_id = d.category_id AND s.day = d.day`,
    [cats, days],
  );
  const count = Number(n[0]!.n);
  if (count > PREVIEW_MAX_ROWS) return { tooMany: count };
  if (count === 0) return { rows: [] };
  const { rows } = await q.query<{
    batch_id: string | null;
    file_name: string | null;
    row_number: number | null;
    manual_id: number | null;
    day: number;
    category_id: string;
    amount_minor: string;
    reference: string;
  }>(
    `WITH s AS (SELECT * FROM unnest($1::text[], $2::int[]) AS s(category_id, day))
     SELECT o.batch_id, b.file_name, o.row_number, NULL::int AS manual_id, o.day, o.category_id,
            o.amount_minor::text AS amount_minor, o.reference
     FROM ledger_rows o JOIN s USING (category_id, day) JOIN ledger_batches b ON b.id = o.batch_id
     UNION ALL
     SELECT NULL, NULL, NULL, m.id, m.day, m.category_id, m.amount_minor::text, m.reference
     FROM ledger_manual m JOIN s USING (category_id, day)`,
    [cats, days],
  );
  return {
    rows: rows.map((r) => ({
      day: Number(r.day),
      categoryId: r.category_id,
      amountMinor: Number(r.amount_minor),
      reference: r.reference,
      stored:
        r.batch_id !== null
          ? { source: 'import', batchId: r.batch_id, fileName: r.file_name ?? '', rowNumber: Number(r.row_number) }
          : { source: 'manual', manualId: Number(r.manual_id) },
    })),
  };
}

const previewBody = v.strictObject({
  days: v.pipe(
    v.array(
      v.strictObject({
        categoryId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
        days: v.pipe(
          v.array(v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000))),
          v.maxLength(40_000),
        ),
      }),
    ),
    v.maxLength(64),
  ),
});

/** POST /api/ledger/duplicates/preview: the stored rows an import's days could repeat (preparer). */
export function registerDuplicatePreview(app: FastifyInstance, db: Db): void {
  app.post('/api/ledger/duplicates/preview', async (req) => {
    requireRole(req, 'preparer');
    const body = parse(previewBody, req.body, 'days');
    const pairs = body.days.flatMap((c) => c.days.map((day) => ({ categoryId: c.categoryId, day })));
    if (pairs.length > 100_000) throw refuse(400, 'too-many-days', 'too-many-days', {});
    return storedRowsOnDays(db, pairs);
  });
}
