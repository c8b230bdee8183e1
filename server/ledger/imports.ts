/**
 * Streaming imports: the upload goes to a temporary file as it arrives (the
 * request body is never held in memory whole; its SHA-256 is taken on the
 * way), a worker thread parses it with the app's import code, and its rows
 * go to the database with COPY — batch record, rows, per-day aggregates, the
 * change history and the change notice in ONE transaction, all or nothing.
 * An idempotency key (unique in ledger_batches) makes a retried upload return
 * the batch it already made instead of importing twice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import { MAX_FILE_BYTES } from '../../src/domain/import/parseFile';
import type { FatalError, ParseOptions } from '../../src/domain/import/types';
import { notify } from '../accounts';
import type { Db, Queryable } from '../db';
import { logAlertsAtCommit } from '../controls/alerts';
import { appendHistory } from '../history/chain';
import { HttpError, refuse } from '../http/errors';
import type { ImportRefusal, ParsedSummary, WorkerInput, WorkerMessage } from './importWorker';
import { checkStoredDuplicates, type DuplicateBucket, type StoredDuplicatesReport } from './storedDuplicates';

export interface ImportRequest {
  body: Readable;
  fileName: string;
  idempotencyKey: string | null;
  options: ParseOptions;
  skipDuplicates: boolean;
  /** Rows the client already refused before uploading (kept on the batch record). */
  rejectedBefore: number;
  user: { id: number; actor: string };
}

export interface BatchJson {
  id: string;
  fileName: string;
  rowCount: number;
  totalMinor: string;
  createdAt: string;
  status: 'pending' | 'committed' | 'rejected' | 'rolled-back';
  rolledBackAt?: string;
  skippedDuplicates: number;
  rejectedRows: number;
  minDay: number | null;
  maxDay: number | null;
  chunkCount: number;
  format: string;
  importedBy: string;
  importedById: number;
  checkedBy: string | null;
  fileSha256: string;
}

export const BATCH_SELECT = `SELECT b.id, b.file_name, b.row_count, b.total_minor::text AS total_minor, b.created_at, b.status,
  b.rolled_back_at, b.skipped_duplicates, b.rejected_rows, b.min_day, b.max_day, b.format, b.file_sha256,
  b.imported_by AS imported_by_id, u.display_name AS imported_by, k.display_name AS checked_by
  FROM ledger_batches b JOIN users u ON u.id = b.imported_by LEFT JOIN users k ON k.id = b.checked_by`;

export function batchJson(r: Record<string, unknown>): BatchJson {
  return {
    id: String(r.id),
    fileName: String(r.file_name),
    rowCount: Number(r.row_count),
    totalMinor: String(r.total_minor),
    createdAt: new Date(r.created_at as string).toISOString(),
    status: r.status as BatchJson['status'],
    ...(r.rolled_back_at ? { rolledBackAt: new Date(r.rolled_back_at as string).toISOString() } : {}),
    skippedDuplicates: Number(r.skipped_duplicates),
    rejectedRows: Number(r.rejected_rows),
    minDay: r.min_day === null ? null : Number(r.min_day),
    maxDay: r.max_day === null ? null : Number(r.max_day),
    chunkCount: 0,
    format: String(r.format),
    importedBy: String(r.imported_by),
    importedById: Number(r.imported_by_id),
    checkedBy: r.checked_by === null || r.checked_by === undefined ? null : String(r.checked_by),
    fileSha256: String(r.file_sha256),
  };
}

export async function batchById(q: Queryable, where: 'id' | 'idempotency_key', value: string) {
  const { rows } = await q.query(`${BATCH_SELECT} WHERE b.${where} = $1`, [value]);
  return rows[0] ? batchJson(rows[0]) : null;
}

/**
 * A file the reader refuses: 422 with the refusal's code as `error`, its English
 * sentence as the message (curl, the log), and the catalogue key `import-refused`
 * with the refusal's codes and values, so the browser words the whole sentence in
 * the user's language (src/ui/messages/apiRefusals.ts → importFatal.ts).
 */
export function importRefused(fatal: FatalError): HttpError {
  return refuse(422, fatal.code, 'import-refused', { fatal });
}

/** The worker's refusal as the catalogue's: the reader's, dates only the user can order, no row left to store. */
function workerRefusal(r: ImportRefusal): HttpError {
  switch (r.kind) {
    case 'fatal':
      return importRefused(r.fatal);
    case 'date-order':
      return refuse(422, 'ambiguous-date-order', 'import-date-order', {
        dates: { fileName: r.fileName, ambiguity: r.ambiguity },
      });
    case 'no-rows':
      return refuse(422, 'no-rows', 'import-no-rows', { file: r.fileName });
  }
}

/** Streams `body` into `path`, refusing more than `limit` bytes; returns its SHA-256 and size. */
async function saveUpload(body: Readable, path: string, limit: number): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) {
        done(refuse(413, 'file-too-large', 'file-too-large', { limit }));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(body, meter, createWriteStream(path));
  return { sha256: hash.digest('hex'), bytes };
}

const WORKER_URL = new URL('./importWorkerBoot.mjs', import.meta.url);

/**
 * Transaction-scoped advisory lock (one workspace per database) taken by each
 * import before its stored-duplicates check and held to its commit.
 */
export const IMPORT_CHECK_LOCK = 4180_0030;

/** Rows per COPY chunk the worker sends (about 1–2 MB of text). */
export const CHUNK_ROWS = 20_000;

class ImportWorker {
  private readonly worker: Worker;
  private readonly queue: WorkerMessage[] = [];
  private waiting: { resolve: (m: WorkerMessage) => void; reject: (e: unknown) => void } | null = null;
  private failure: unknown = null;

  constructor(input: WorkerInput) {
    this.worker = new Worker(WORKER_URL, { workerData: input });
    this.worker.on('message', (m: WorkerMessage) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w.resolve(m);
      } else this.queue.push(m);
    });
    const fail = (e: unknown) => {
      this.failure = e;
      this.waiting?.reject(e);
      this.waiting = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (!this.failure) fail(new Error(`The import worker stopped (exit ${code}).`));
    });
  }

  next(): Promise<WorkerMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /**
   * The rows as COPY text. One chunk is always asked for ahead, so the worker writes
   * the next while PostgreSQL reads this one (asked one at a time, each waited for the
   * other). The worker answers in order and says 'end' to every ask after the last.
   */
  async *chunks(): AsyncGenerator<string> {
    this.worker.postMessage('next');
    for (;;) {
      this.worker.postMessage('next');
      const m = await this.next();
      if (m.type === 'end') return;
      if (m.type !== 'chunk') throw new Error(`Unexpected worker message ${m.type}`);
      if (m.text) yield m.text;
    }
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('stopped');
    await this.worker.terminate();
  }
}

export interface ImportOutcome {
  batch: BatchJson;
  /** True when the idempotency key named a batch already made: nothing was imported. */
  replayed: boolean;
  copySeconds?: number;
  /**
   * Duplicates by bucket, as the local import reports them: rows repeating an
   * earlier row of the file, and rows repeating a row already stored (another
   * batch, pending or committed, or a manual entry) — each skipped or stored
   * as the upload asked (skipDuplicates).
   */
  duplicates?: {
    withinFile: DuplicateBucket & { skipped: boolean };
    stored: StoredDuplicatesReport;
  };
  errorCount?: number;
  firstErrors?: { row: number; message: string }[];
}

export async function importUpload(db: Db, r: ImportRequest): Promise<ImportOutcome> {
  if (r.idempotencyKey) {
    const done = await batchById(db, 'idempotency_key', r.idempotencyKey);
    if (done) {
      r.body.resume();
      return { batch: done, replayed: true };
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'headroom-upload-'));
  let worker: ImportWorker | null = null;
  try {
    const path = join(dir, 'upload');
    const { sha256, bytes } = await saveUpload(r.body, path, MAX_FILE_BYTES);
    if (bytes === 0) throw refuse(422, 'empty-file', 'empty-file', { file: r.fileName });
    const batchId = `b-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
    worker = new ImportWorker({
      path,
      fileName: r.fileName,
      batchId,
      options: r.options,
      skipDuplicates: r.skipDuplicates,
      chunkRows: CHUNK_ROWS,
    });
    const first = await worker.next();
    if (first.type === 'refused') throw workerRefusal(first.refusal);
    if (first.type !== 'parsed') throw new Error(`Unexpected worker message ${first.type}`);
    const s: ParsedSummary = first.summary;
    const w = worker;
    let copySeconds = 0;
    let stored: StoredDuplicatesReport | null = null;
    try {
      await db.tx(async (q) => {
        await q.query(
          `INSERT INTO ledger_batches (id, idempotency_key, file_name, file_sha256, format, row_count, total_minor,
             skipped_duplicates, rejected_rows, min_day, max_day, status, imported_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10, $11, 'pending', $12)`,
          [
            batchId,
            r.idempotencyKey,
            r.fileName,
            sha256,
            s.format,
            s.stored,
            s.totalMinor,
            s.skippedDuplicates,
            s.errorCount + r.rejectedBefore,
            s.minDay,
            s.maxDay,
            r.user.id,
          ],
        );
        // COPY into the batch's own table, then one sorted index build and the attach as
        // ledger_rows' partition (005_ledger_partitions.sql): the time counted is all three.
        const t0 = performance.now();
        const table = await q.query<{ t: string }>('SELECT ledger_rows_new_partition($1) AS t', [batchId]);
        const copied = await q.copyFrom(
          table.rows[0]!.t,
          ['batch_id', 'row_number', 'day', 'category_id', 'amount_minor', 'reference', 'description'],
          w.chunks(),
        );
        if (copied !== s.stored) throw new Error(`COPY stored ${copied} rows of ${s.stored}`);
        await q.query('SELECT ledger_rows_attach_partition($1)', [batchId]);
        copySeconds = (performance.now() - t0) / 1000;
        const cat: string[] = [];
        const day: number[] = [];
        const sum: string[] = [];
        const cnt: number[] = [];
        for (const g of s.aggregates) {
          g.days.forEach((d, i) => {
            cat.push(g.categoryId);
            day.push(d);
            sum.push(g.sums[i]!);
            cnt.push(g.counts[i]!);
          });
        }
        await q.query(
          `INSERT INTO ledger_daily (source, category_id, day, sum_minor, row_count)
           SELECT $1, c, d, s::bigint, n FROM unnest($2::text[], $3::int[], $4::text[], $5::int[]) AS x(c, d, s, n)`,
          [batchId, cat, day, sum, cnt],
        );
        // Against the stored ledger, in this transaction (left out again when skipping duplicates).
        // One import at a time from here to its commit: two uploads of the same file would each
        // check against a ledger without the other's rows and both be stored. The COPY above
        // still runs side by side; the second waits here and then sees the first's rows. (The
        // ATTACH PARTITION above also waits for another import's commit today — it locks
        // ledger_rows — but that is how partitions work, not a promise about duplicates.)
        await q.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_CHECK_LOCK]);
        stored = await checkStoredDuplicates(q, batchId, r.skipDuplicates);
        const left: Pick<StoredDuplicatesReport, 'count' | 'totalMinor' | 'byCategory'> = stored.skipped
          ? stored
          : { count: 0, totalMinor: '0', byCategory: {} };
        if (s.stored - left.count === 0) {
          throw refuse(422, 'no-rows', 'no-rows', { file: r.fileName, count: stored.count });
        }
        const totalsByCategory: Record<string, string> = {};
        for (const g of s.aggregates) {
          const sum =
            g.sums.reduce((a, x) => a + BigInt(x), 0n) - BigInt(left.byCategory[g.categoryId]?.totalMinor ?? 0);
          const n = g.counts.reduce((a, x) => a + x, 0) - (left.byCategory[g.categoryId]?.count ?? 0);
          if (n > 0) totalsByCategory[g.categoryId] = sum.toString();
        }
        await appendHistory(q, {
          actorId: r.user.id,
          actor: r.user.actor,
          action: 'import',
          entity: 'ledger-batch',
          entityKey: batchId,
          detail: {
            fileName: r.fileName,
            fileSha256: sha256,
            rowCount: s.stored - left.count,
            totalMinor: (BigInt(s.totalMinor) - BigInt(left.totalMinor)).toString(),
            totalsByCategory,
            skippedDuplicates: s.skippedDuplicates + left.count,
            duplicates: {
              withinFile: s.withinFile,
              stored: { count: stored.count, totalMinor: stored.totalMinor },
              skipped: r.skipDuplicates,
            },
            rejectedRows: s.errorCount + r.rejectedBefore,
            status: 'pending',
          },
        });
        // Pending imports count in the figures: a threshold this one crosses is logged with it.
        await logAlertsAtCommit(q, r.user);
        await notify(q, { entity: 'ledger', key: batchId, status: 'pending' });
      });
    } catch (e) {
      // Another upload with the same key committed first: it is the answer.
      if ((e as { code?: string }).code === '23505' && r.idempotencyKey) {
        const done = await batchById(db, 'idempotency_key', r.idempotencyKey);
        if (done) return { batch: done, replayed: true };
      }
      throw e;
    }
    return {
      batch: (await batchById(db, 'id', batchId))!,
      replayed: false,
      copySeconds,
      duplicates: { withinFile: { ...s.withinFile, skipped: r.skipDuplicates }, stored: stored! },
      errorCount: s.errorCount,
      firstErrors: s.firstErrors,
    };
  } finally {
    await worker?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
