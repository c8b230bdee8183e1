/**
 * The ledger over the API: totals (what the engine reads, from the per-day
 * aggregates), pages and summaries of rows, batches, manual entries, the
 * "ledger complete" flags, remembered column mappings, and the streaming
 * import (server/ledger/imports.ts).
 *
 * Maker-checker: an import batch is stored at once as 'pending' — it counts in
 * the figures, marked "pending review" — until a reviewer other than its
 * importer checks it (committed) or rejects it (its rows removed).
 */
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import * as v from 'valibot';
import { importCategoriesFrom } from '../../src/domain/import/categories';
import { notify } from '../accounts';
import type { Db, Queryable } from '../db';
import { logAlertsAtCommit } from '../controls/alerts';
import { appendHistory } from '../history/chain';
import { MAX_FILE_BYTES } from '../../src/domain/import/parseFile';
import { BATCH_SELECT, batchById, batchJson, importUpload } from '../ledger/imports';
import { migrateLocalBackup } from '../ledger/localBackup';
import { requireRole, requireUser, who } from './auth';
import type { ReadCache } from './readCache';
import { recordChange, upsertSetting } from './record';
import { dataset } from './data';
import { idParam, isoDate, parse, refuse } from './errors';

/** Most rows a page may ask for. */
const PAGE_MAX = 10_000;
/** Most data rows one upload may hold (as the browser's import). */
export const SERVER_IMPORT_MAX_ROWS = 2_000_000;

const dayText = v.pipe(v.string(), v.regex(/^-?\d{1,7}$/, 'a day number'), v.transform(Number));
const filterQuery = {
  categoryId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(300))),
  startDay: v.optional(dayText),
  endDay: v.optional(dayText),
};
const pageQuery = v.strictObject({
  ...filterQuery,
  offset: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number)), '0'),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number), v.minValue(1), v.maxValue(PAGE_MAX)),
    '100',
  ),
});
const summaryQuery = v.strictObject(filterQuery);

const minorAmount = v.pipe(
  v.union([v.pipe(v.number(), v.integer()), v.pipe(v.string(), v.regex(/^-?\d{1,16}$/), v.transform(Number))]),
  v.check((n) => Number.isSafeInteger(n), 'a safe integer of minor units'),
);
const manualBody = v.strictObject({
  id: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 31 - 1))),
  day: v.pipe(v.number(), v.integer(), v.minValue(-1_000_000), v.maxValue(1_000_000)),
  categoryId: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  amountMinor: minorAmount,
  reference: v.pipe(v.string(), v.maxLength(500)),
  description: v.pipe(v.string(), v.maxLength(2000)),
  createdAt: v.optional(v.pipe(v.string(), v.isoTimestamp())),
});
const batchIdParam = v.pipe(v.string(), v.regex(/^b-[a-z0-9-]{1,60}$/, 'a batch id'));
const checkBody = v.strictObject({ decision: v.picklist(['apply', 'reject']) });
const completeBody = v.strictObject({ complete: v.boolean() });
const mappingKey = v.pipe(v.string(), v.minLength(1), v.maxLength(2000));
const mappingBody = v.strictObject({ key: mappingKey, remembered: v.record(v.string(), v.unknown()) });

const importQuery = v.strictObject({
  fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
  unit: v.optional(v.picklist(['yuan', 'thousand', 'million']), 'yuan'),
  dateOrder: v.optional(v.picklist(['ymd', 'dmy', 'mdy'])),
  mapping: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(2000),
      v.transform((s) => s.split(',')),
      v.array(v.picklist(['date', 'category', 'amount', 'reference', 'description', 'ignore'])),
    ),
  ),
  defaultCategoryId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(300))),
  skipDuplicates: v.optional(v.picklist(['true', 'false']), 'false'),
  rejectedRows: v.optional(v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number)), '0'),
});
const idempotencyKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9._:-]{8,200}$/, '8–200 letters, digits or ._:-'));

type Filter = v.InferOutput<typeof summaryQuery>;

/** WHERE conditions for a filter; `$1..$3` = categoryId, startDay, endDay (null when absent). */
function filterParams(f: Filter): [string | null, number | null, number | null] {
  return [f.categoryId ?? null, f.startDay ?? null, f.endDay ?? null];
}
const FILTER_SQL = (alias: string) =>
  `($1::text IS NULL OR ${alias}.category_id = $1) AND ($2::int IS NULL OR ${alias}.day >= $2) AND ($3::int IS NULL OR ${alias}.day <= $3)`;

export interface TotalsJson {
  categories: { categoryId: string; days: number[]; sums: string[]; counts: number[] }[];
  complete: string[];
  /** Per category, the last day (ISO date) through which the ledger is stated complete. */
  completeThrough: Record<string, string>;
  /** Rows of imports waiting for a reviewer's check: they are counted in the figures above. */
  pending: { batches: number; rows: number; byCategory: Record<string, { count: number; sumMinor: string }> };
}

export async function ledgerTotals(q: Queryable): Promise<TotalsJson> {
  const [daily, complete, pending, through] = await Promise.all([
    q.query<{ category_id: string; days: number[]; sums: string[]; counts: number[] }>(
      `SELECT category_id, array_agg(day ORDER BY day) AS days, array_agg(s::text ORDER BY day) AS sums,
              array_agg(n ORDER BY day) AS counts
       FROM (SELECT category_id, day, sum(sum_minor) AS s, sum(row_count)::int AS n
             FROM ledger_daily GROUP BY category_id, day) t
       GROUP BY category_id ORDER BY category_id`,
    ),
    q.query<{ value: string[] }>("SELECT value FROM settings WHERE key = 'ledgerComplete'"),
    q.query<{ category_id: string; batches: number; n: number; s: string }>(
      `SELECT d.category_id, count(DISTINCT b.id)::int AS batches, sum(d.row_count)::int AS n, sum(d.sum_minor)::text AS s
       FROM ledger_batches b JOIN ledger_daily d ON d.source = b.id
       WHERE b.status = 'pending' GROUP BY d.category_id ORDER BY d.category_id`,
    ),
    q.query<{ value: Record<string, string> }>("SELECT value FROM settings WHERE key = 'ledgerCompleteThrough'"),
  ]);
  const batches = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM ledger_batches WHERE status = 'pending'",
  );
  return {
    categories: daily.rows.map((r) => ({
      categoryId: r.category_id,
      days: r.days.map(Number),
      sums: r.sums,
      counts: r.counts.map(Number),
    })),
    complete: complete.rows[0]?.value ?? [],
    completeThrough: through.rows[0]?.value ?? {},
    pending: {
      batches: batches.rows[0]?.n ?? 0,
      rows: pending.rows.reduce((a, r) => a + Number(r.n), 0),
      byCategory: Object.fromEntries(pending.rows.map((r) => [r.category_id, { count: Number(r.n), sumMinor: r.s }])),
    },
  };
}

interface ManualRow {
  id: number;
  day: number;
  category_id: string;
  amount_minor: number;
  reference: string;
  description: string;
  created_at: Date | string;
  updated_at: Date | string;
}
const manualJson = (m: ManualRow) => ({
  id: Number(m.id),
  day: Number(m.day),
  categoryId: m.category_id,
  amountMinor: Number(m.amount_minor),
  reference: m.reference,
  description: m.description,
  createdAt: new Date(m.created_at).toISOString(),
  updatedAt: new Date(m.updated_at).toISOString(),
});

/** Adds `count` rows summing `sumMinor` to the manual entries' aggregate of one day. */
export async function addManualAggregate(
  q: Queryable,
  categoryId: string,
  day: number,
  sumMinor: number,
  count: number,
) {
  await q.query(
    `INSERT INTO ledger_daily (source, category_id, day, sum_minor, row_count) VALUES ('manual', $1, $2, $3, $4)
     ON CONFLICT (source, category_id, day) DO UPDATE
       SET sum_minor = ledger_daily.sum_minor + EXCLUDED.sum_minor, row_count = ledger_daily.row_count + EXCLUDED.row_count`,
    [categoryId, day, sumMinor, count],
  );
  await q.query(
    "DELETE FROM ledger_daily WHERE source = 'manual' AND category_id = $1 AND day = $2 AND row_count = 0",
    [categoryId, day],
  );
}

/** Removes a batch's rows and aggregates (rejected or rolled back); the batch record stays. */
async function dropBatchRows(q: Queryable, batchId: string) {
  await q.query('DELETE FROM ledger_rows WHERE batch_id = $1', [batchId]);
  await q.query('DELETE FROM ledger_daily WHERE source = $1', [batchId]);
}

export function registerLedger(app: FastifyInstance, db: Db, cache: ReadCache): void {
  // The upload is a stream: this parser hands the handler the request itself, unread.
  for (const type of ['text/csv', 'application/octet-stream']) {
    app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }

  // The aggregates every open browser re-reads after each change: kept per data generation (readCache.ts).
  app.get('/api/ledger/totals', async (req, reply) => {
    requireUser(req);
    return cache.send(req, reply, 'totals', () => ledgerTotals(db));
  });

  /** Everything the overview needs in one read (the load test's target). */
  app.get('/api/overview', async (req, reply) => {
    requireUser(req);
    return cache.send(req, reply, 'overview', async () => {
      const [ledger, approvals, settings] = await Promise.all([
        ledgerTotals(db),
        db.query('SELECT resolution_id AS "resolutionId", outcome, date FROM approvals ORDER BY resolution_id'),
        db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'thresholdPercent'"),
      ]);
      return { ledger, approvals: approvals.rows, thresholdPercent: settings.rows[0]?.value ?? '80' };
    });
  });

  app.get('/api/ledger/page', async (req) => {
    requireUser(req);
    const f = parse(pageQuery, req.query, 'query');
    const p = filterParams(f);
    const [manualCount, importCount] = await Promise.all([
      db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_manual m WHERE ${FILTER_SQL('m')}`, p),
      db.query<{ n: number }>(
        `SELECT coalesce(sum(row_count), 0)::int AS n FROM ledger_daily d WHERE d.source <> 'manual' AND ${FILTER_SQL('d')}`,
        p,
      ),
    ]);
    const nManual = manualCount.rows[0]!.n;
    const rows: unknown[] = [];
    if (f.offset < nManual) {
      const { rows: m } = await db.query<ManualRow & Record<string, unknown>>(
        `SELECT * FROM ledger_manual m WHERE ${FILTER_SQL('m')} ORDER BY day DESC, id DESC OFFSET $4 LIMIT $5`,
        [...p, f.offset, f.limit],
      );
      for (const r of m) {
        const e = manualJson(r);
        rows.push({ key: `m:${e.id}`, source: 'manual', manualId: e.id, ...pick(e) });
      }
    }
    if (rows.length < f.limit) {
      const { rows: imp } = await db.query<{
        batch_id: string;
        file_name: string;
        row_number: number;
        day: number;
        category_id: string;
        amount_minor: number;
        reference: string;
        description: string;
      }>(
        `SELECT r.batch_id, b.file_name, r.row_number, r.day, r.category_id, r.amount_minor, r.reference, r.description
         FROM ledger_rows r JOIN ledger_batches b ON b.id = r.batch_id
         WHERE ${FILTER_SQL('r')} ORDER BY r.batch_id, r.row_number OFFSET $4 LIMIT $5`,
        [...p, Math.max(0, f.offset - nManual), f.limit - rows.length],
      );
      for (const r of imp) {
        rows.push({
          key: `${r.batch_id}#${r.row_number}`,
          source: 'import',
          batchId: r.batch_id,
          fileName: r.file_name,
          rowNumber: Number(r.row_number),
          day: Number(r.day),
          categoryId: r.category_id,
          amountMinor: Number(r.amount_minor),
          reference: r.reference,
          description: r.description,
        });
      }
    }
    return { total: nManual + importCount.rows[0]!.n, offset: f.offset, rows };
  });

  app.get('/api/ledger/summary', async (req, reply) => {
    requireUser(req);
    const f = parse(summaryQuery, req.query, 'query');
    const p = filterParams(f);
    return cache.send(req, reply, `summary:${JSON.stringify(p)}`, async () => {
      const { rows } = await db.query<{ category_id: string; n: number; s: string }>(
        `SELECT d.category_id, sum(d.row_count)::int AS n, sum(d.sum_minor)::text AS s FROM ledger_daily d
         WHERE ${FILTER_SQL('d')} GROUP BY d.category_id ORDER BY d.category_id`,
        p,
      );
      return { byCategory: rows.map((r) => ({ categoryId: r.category_id, count: Number(r.n), sumMinor: r.s })) };
    });
  });

  app.get('/api/ledger/batches', async (req, reply) => {
    requireUser(req);
    return cache.send(req, reply, 'batches', async () => {
      const { rows } = await db.query(`${BATCH_SELECT} ORDER BY b.created_at DESC, b.id DESC LIMIT 1000`);
      return { batches: rows.map(batchJson) };
    });
  });

  app.get('/api/ledger/batch-totals', async (req, reply) => {
    requireUser(req);
    return cache.send(req, reply, 'batch-totals', async () => {
      const { rows } = await db.query<{ source: string; category_id: string; s: string }>(
        `SELECT source, category_id, sum(sum_minor)::text AS s FROM ledger_daily WHERE source <> 'manual'
         GROUP BY source, category_id ORDER BY source, category_id`,
      );
      return { totals: rows.map((r) => ({ batchId: r.source, categoryId: r.category_id, sumMinor: r.s })) };
    });
  });

  // --- import --------------------------------------------------------------------
  app.post('/api/ledger/imports', async (req, reply) => {
    const u = requireRole(req, 'preparer');
    const query = parse(importQuery, req.query, 'query');
    const keyHeader = req.headers['idempotency-key'];
    const key = keyHeader === undefined ? null : parse(idempotencyKey, keyHeader, 'Idempotency-Key header');
    const body = req.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw refuse(415, 'not-a-file', 'not-a-file-ledger', {});
    }
    const ds = await dataset(db);
    const out = await importUpload(db, {
      body,
      fileName: query.fileName,
      idempotencyKey: key,
      skipDuplicates: query.skipDuplicates === 'true',
      rejectedBefore: query.rejectedRows,
      user: { id: u.id, actor: who(u) },
      options: {
        unit: query.unit,
        maxRows: SERVER_IMPORT_MAX_ROWS,
        categories: importCategoriesFrom(ds.categories),
        ...(query.mapping ? { mapping: query.mapping } : {}),
        ...(query.dateOrder ? { dateOrder: query.dateOrder } : {}),
        ...(query.defaultCategoryId ? { defaultCategoryId: query.defaultCategoryId } : {}),
      },
    });
    reply.code(out.replayed ? 200 : 201);
    return out;
  });

  // --- a local workspace moved in (admin) ---------------------------------------------
  app.post('/api/admin/local-backup', async (req) => {
    const u = requireRole(req, 'admin');
    const { names } = parse(
      v.strictObject({
        names: v.optional(
          v.pipe(
            v.string(),
            v.maxLength(20_000),
            v.parseJson(),
            v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.maxLength(64))),
          ),
          '{}',
        ),
      }),
      req.query,
      'query',
    );
    const body = req.body as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') {
      throw refuse(415, 'not-a-file', 'not-a-file-backup', {});
    }
    // The backup is one JSON document: read whole (up to the import's file limit), once, by an admin.
    const parts: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length;
      if (bytes > MAX_FILE_BYTES) throw refuse(413, 'file-too-large', 'backup-too-large', {});
      parts.push(chunk as Buffer);
    }
    return migrateLocalBackup(db, Buffer.concat(parts).toString('utf8'), names, { id: u.id, actor: who(u) });
  });

  app.post('/api/ledger/batches/:id/check', async (req) => {
    const u = requireRole(req, 'reviewer');
    const id = parse(batchIdParam, (req.params as { id: string }).id, 'batch id');
    const { decision } = parse(checkBody, req.body, 'check');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ status: string; imported_by: number }>(
        'SELECT status, imported_by FROM ledger_batches WHERE id = $1 FOR UPDATE',
        [id],
      );
      const b = rows[0];
      if (!b) throw refuse(404, 'not-found', 'no-batch', { id });
      if (b.status !== 'pending') throw refuse(409, 'not-pending', 'batch-not-pending', { id, status: b.status });
      if (b.imported_by === u.id) {
        throw refuse(403, 'own-change', 'own-import', {});
      }
      const status = decision === 'apply' ? 'committed' : 'rejected';
      if (status === 'rejected') await dropBatchRows(q, id);
      await q.query('UPDATE ledger_batches SET status = $2, checked_by = $3, checked_at = now() WHERE id = $1', [
        id,
        status,
        u.id,
      ]);
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: decision,
        entity: 'ledger-batch',
        entityKey: id,
        detail: { importedBy: b.imported_by, status },
      });
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      await notify(q, { entity: 'ledger', key: id, status });
      return { batch: (await batchById(q, 'id', id))! };
    });
  });

  app.post('/api/ledger/batches/:id/rollback', async (req) => {
    const u = requireRole(req, 'preparer');
    const id = parse(batchIdParam, (req.params as { id: string }).id, 'batch id');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ status: string; row_count: number; total_minor: string }>(
        'SELECT status, row_count, total_minor::text AS total_minor FROM ledger_batches WHERE id = $1 FOR UPDATE',
        [id],
      );
      const b = rows[0];
      if (!b) throw refuse(404, 'not-found', 'no-batch', { id });
      if (b.status !== 'pending' && b.status !== 'committed') {
        throw refuse(409, 'not-stored', 'batch-not-stored', { id, status: b.status });
      }
      await dropBatchRows(q, id);
      await q.query("UPDATE ledger_batches SET status = 'rolled-back', rolled_back_at = now() WHERE id = $1", [id]);
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: 'rollback',
        entity: 'ledger-batch',
        entityKey: id,
        detail: { before: { status: b.status, rowCount: b.row_count, totalMinor: b.total_minor } },
      });
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      await notify(q, { entity: 'ledger', key: id, status: 'rolled-back' });
      return { batch: (await batchById(q, 'id', id))! };
    });
  });

  // --- manual entries --------------------------------------------------------------
  app.get('/api/ledger/manual/:id', async (req) => {
    requireUser(req);
    const id = parse(idParam, (req.params as { id: string }).id, 'entry id');
    const { rows } = await db.query<ManualRow & Record<string, unknown>>('SELECT * FROM ledger_manual WHERE id = $1', [
      id,
    ]);
    if (!rows[0]) throw refuse(404, 'not-found', 'no-manual-entry', { id });
    return { entry: manualJson(rows[0]) };
  });

  app.post('/api/ledger/manual', async (req) => {
    const u = requireRole(req, 'preparer');
    const e = parse(manualBody, req.body, 'manual entry');
    const ds = await dataset(db);
    if (!ds.categories.some((c) => c.id === e.categoryId)) {
      throw refuse(422, 'unknown-category', 'unknown-category', { id: e.categoryId });
    }
    return db.tx(async (q) => {
      const before =
        e.id === undefined
          ? undefined
          : (
              await q.query<ManualRow & Record<string, unknown>>(
                'SELECT * FROM ledger_manual WHERE id = $1 FOR UPDATE',
                [e.id],
              )
            ).rows[0];
      let saved: ManualRow;
      if (before) {
        await addManualAggregate(q, before.category_id, Number(before.day), -Number(before.amount_minor), -1);
        saved = (
          await q.query<ManualRow & Record<string, unknown>>(
            `UPDATE ledger_manual SET day = $2, category_id = $3, amount_minor = $4, reference = $5, description = $6,
               updated_at = now() WHERE id = $1 RETURNING *`,
            [e.id, e.day, e.categoryId, e.amountMinor, e.reference, e.description],
          )
        ).rows[0]!;
      } else {
        saved = (
          await q.query<ManualRow & Record<string, unknown>>(
            // With an id: an entry put back (undo of a delete) keeps the id it had.
            e.id === undefined
              ? `INSERT INTO ledger_manual (day, category_id, amount_minor, reference, description, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now())) RETURNING *`
              : `INSERT INTO ledger_manual (id, day, category_id, amount_minor, reference, description, created_by, created_at)
                 VALUES ($8, $1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now())) RETURNING *`,
            [
              e.day,
              e.categoryId,
              e.amountMinor,
              e.reference,
              e.description,
              u.id,
              e.createdAt ?? null,
              ...(e.id === undefined ? [] : [e.id]),
            ],
          )
        ).rows[0]!;
      }
      await addManualAggregate(q, e.categoryId, e.day, e.amountMinor, 1);
      const out = manualJson(saved);
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: before ? 'edit' : 'add',
        entity: 'ledger-entry',
        entityKey: String(out.id),
        detail: { before: before ? entryDetail(manualJson(before)) : null, after: entryDetail(out) },
      });
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      await notify(q, { entity: 'ledger', key: `m:${out.id}` });
      return { entry: out };
    });
  });

  app.delete('/api/ledger/manual/:id', async (req) => {
    const u = requireRole(req, 'preparer');
    const id = parse(idParam, (req.params as { id: string }).id, 'entry id');
    return db.tx(async (q) => {
      const { rows } = await q.query<ManualRow & Record<string, unknown>>(
        'DELETE FROM ledger_manual WHERE id = $1 RETURNING *',
        [id],
      );
      const r = rows[0];
      if (!r) return { entry: null };
      await addManualAggregate(q, r.category_id, Number(r.day), -Number(r.amount_minor), -1);
      const out = manualJson(r);
      await appendHistory(q, {
        actorId: u.id,
        actor: who(u),
        action: 'delete',
        entity: 'ledger-entry',
        entityKey: String(id),
        detail: { before: entryDetail(out), after: null },
      });
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      await notify(q, { entity: 'ledger', key: `m:${id}` });
      return { entry: out };
    });
  });

  // --- ledger complete flags and remembered mappings ----------------------------------
  app.put('/api/ledger/complete/:categoryId', async (req) => {
    const u = requireRole(req, 'preparer');
    const categoryId = parse(
      v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
      (req.params as { categoryId: string }).categoryId,
      'category',
    );
    const { complete } = parse(completeBody, req.body, 'complete flag');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ value: string[] }>(
        "SELECT value FROM settings WHERE key = 'ledgerComplete' FOR UPDATE",
      );
      const before = new Set(rows[0]?.value ?? []);
      const after = new Set(before);
      if (complete) after.add(categoryId);
      else after.delete(categoryId);
      await upsertSetting(q, 'ledgerComplete', [...after].sort(), u.id);
      await recordChange(
        q,
        u,
        {
          action: 'set',
          entity: 'ledger-complete',
          key: categoryId,
          detail: { before: before.has(categoryId), after: complete },
        },
        { entity: 'ledger', key: `complete:${categoryId}` },
      );
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { ok: true };
    });
  });

  app.put('/api/ledger/complete-through/:categoryId', async (req) => {
    const u = requireRole(req, 'preparer');
    const categoryId = parse(
      v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
      (req.params as { categoryId: string }).categoryId,
      'category',
    );
    const { date } = parse(v.strictObject({ date: v.nullable(isoDate) }), req.body, 'complete-through date');
    return db.tx(async (q) => {
      const { rows } = await q.query<{ value: Record<string, string> }>(
        "SELECT value FROM settings WHERE key = 'ledgerCompleteThrough' FOR UPDATE",
      );
      const before = rows[0]?.value ?? {};
      const after = { ...before };
      if (date === null) delete after[categoryId];
      else after[categoryId] = date;
      await upsertSetting(q, 'ledgerCompleteThrough', after, u.id);
      await recordChange(
        q,
        u,
        {
          action: 'set',
          entity: 'ledger-complete-through',
          key: categoryId,
          detail: { before: before[categoryId] ?? null, after: date },
        },
        { entity: 'ledger', key: `complete-through:${categoryId}` },
      );
      await logAlertsAtCommit(q, { id: u.id, actor: who(u) });
      return { ok: true };
    });
  });

  app.get('/api/settings/mapping', async (req) => {
    requireUser(req);
    const { key } = parse(v.strictObject({ key: mappingKey }), req.query, 'query');
    const { rows } = await db.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [
      `mapping:${key}`,
    ]);
    return { remembered: rows[0]?.value ?? null };
  });
  app.put('/api/settings/mapping', async (req) => {
    const u = requireRole(req, 'preparer');
    const { key, remembered } = parse(mappingBody, req.body, 'mapping');
    await upsertSetting(db, `mapping:${key}`, remembered, u.id);
    return { ok: true };
  });
}

function pick(e: ReturnType<typeof manualJson>) {
  return {
    day: e.day,
    categoryId: e.categoryId,
    amountMinor: e.amountMinor,
    reference: e.reference,
    description: e.description,
  };
}

function entryDetail(e: ReturnType<typeof manualJson>) {
  return { id: e.id, ...pick(e), amountMinor: String(e.amountMinor) };
}
