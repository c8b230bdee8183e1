/**
 * Backup and restore of everything stored in this browser: one JSON file with
 * every Dexie table (so tables added by later schema versions are included
 * without changes here). Typed arrays are written as base64 of their bytes
 * (little-endian, the byte order of every browser platform), bigints as
 * decimal strings.
 *
 * Restore validates the whole file first — format, known tables, key of every
 * row, and for the ledger the rows themselves: lengths, category indexes,
 * safe-integer amounts, and that the stored sums and duplicate keys agree with
 * the rows — then replaces every table in ONE transaction. A bad or damaged
 * backup is rejected before anything is written, and a failure while writing
 * aborts the transaction: either the backup is restored or nothing changed.
 */
import type { Table } from 'dexie';
import * as v from 'valibot';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupErrorCode,
  backupHeaderSchema,
  dayAggregateSchema,
  ledgerBatchSchema,
  ledgerChunkKeysSchema,
  ledgerChunkMetaSchema,
  ledgerChunkSchema,
  manualEntrySchema,
  readRecord,
} from '../domain/formats/backup';
import { kingsoftCloudXiaomi2026 } from '../domain/disclosed/kingsoftCloudXiaomi2026';
import { rulesFileDocument, validateRulesDocument, type ConnectedPersonsConfig } from '../domain/classify/rulesFile';
import { backupReplacer, backupReviver } from '../domain/formats/backupJson';
import { registerAgreementSchema } from '../domain/formats/register';
import { uncappedResolutionSchema } from '../domain/formats/uncappedResolution';
import { validateRegister } from '../domain/register';
import { readThresholdSettings } from '../domain/threshold';
import { db } from './db';
import { aggregateColumns, sameAggregate, sumAggregates } from '../domain/ledger/aggregates';
import { hashColumns } from '../domain/ledger/keys';
import { appendHistory, historyHead, sha256 } from './history';
import { verifyChain } from '../domain/history/chain';
import { notifyLedgerChanged } from './ledgerEvents';
import type { DayAggregate, LedgerChunkRecord } from './ledgerTypes';
import { yieldToMain } from '../workers/yieldToMain';
import type { BackupSummary } from './repositories';

export type { BackupSummary } from './repositories';

export { BACKUP_FORMAT, BACKUP_VERSION };

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  /** Dexie schema version of the database that wrote the backup. */
  readonly schemaVersion: number;
  /** ISO time of the export (every backup Headroom writes has it; restore does not need it). */
  readonly exportedAt?: string;
}

/** Raised for a backup that cannot be restored; nothing has been changed. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    message: string,
    /** Why, for the UI to word in each language; the message is the English detail. */
    readonly backupCode: BackupErrorCode = 'damaged',
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** The reviver of backup files: every encoded value that is malformed refuses the file. */
const reviver = backupReviver((p) => {
  switch (p.code) {
    case 'bad-bigint':
      throw new BackupError('A big integer is malformed.');
    case 'unknown-typed':
      throw new BackupError(`Unknown binary column type "${p.type}".`);
    case 'bad-base64':
      throw new BackupError('A binary column is not valid base64.');
    case 'partial-element':
      throw new BackupError(`A ${p.type} column has a partial element.`);
  }
});

/**
 * The backup as a Blob (application/json), built record by record so a
 * million-row ledger never turns into one huge synchronous stringify.
 */
export async function exportBackup(): Promise<{ blob: Blob; summary: BackupSummary }> {
  const d = db();
  await d.open();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: d.verno,
    exportedAt: new Date().toISOString(),
  };
  const parts: string[] = [JSON.stringify(header).slice(0, -1), ',"tables":{'];
  const tables: Record<string, number> = {};
  let ledgerRows = 0;
  const names = d.tables.map((t) => t.name).sort();
  for (let ti = 0; ti < names.length; ti++) {
    const name = names[ti]!;
    const table = d.table(name);
    parts.push(`${ti ? ',' : ''}${JSON.stringify(name)}:[`);
    // Chunk records are megabytes each: read and encode them one at a time.
    const keys = await table.toCollection().primaryKeys();
    let n = 0;
    for (let i = 0; i < keys.length; i += 200) {
      const rows = await table.bulkGet(keys.slice(i, i + 200));
      for (const row of rows) {
        if (row === undefined) continue;
        parts.push(`${n ? ',' : ''}${JSON.stringify(row, backupReplacer)}`);
        n++;
        if (name === 'ledgerChunks') {
          ledgerRows += (row as LedgerChunkRecord).length;
          await yieldToMain();
        }
      }
    }
    if (name === 'ledgerManual') ledgerRows += n;
    parts.push(']');
    tables[name] = n;
  }
  parts.push('}}');
  return { blob: new Blob(parts, { type: 'application/json' }), summary: { tables, ledgerRows } };
}

// ---------------------------------------------------------------------------
// Validation

const anyRecord = v.looseObject({}, 'not an object');

function fail(msg: string, code: BackupErrorCode = 'damaged', params: Record<string, string | number> = {}): never {
  throw new BackupError(msg, code, params);
}

/** The record as its schema's output, or a BackupError naming it, the path of the bad field and what is wrong. */
function need<S extends v.GenericSchema>(schema: S, input: unknown, path: string, label: string): v.InferOutput<S> {
  const r = readRecord(schema, input, path);
  if (!r.ok) fail(`${label}: ${r.issue.message} (${r.path}).`);
  return r.value;
}

function checkChunk(c: unknown, i: number): LedgerChunkRecord {
  const id = (c as { id?: unknown } | null)?.id;
  const what = `Ledger chunk ${typeof id === 'string' ? id : i + 1}`;
  const chunk: LedgerChunkRecord = need(ledgerChunkSchema, c, `tables.ledgerChunks[${i}]`, what);
  const cats = chunk.categoryIds.length;
  for (let r = 0; r < chunk.length; r++) {
    if (chunk.category[r]! >= cats) fail(`${what}, row ${r + 1}: category index out of range.`);
    if (!Number.isSafeInteger(chunk.amountMinor[r]!))
      fail(`${what}, row ${r + 1}: amount is not a whole number of fen.`);
  }
  return chunk;
}

/** Checks the ledger tables of a parsed backup against themselves (see the module comment). */
async function validateLedger(tables: Record<string, unknown[]>): Promise<number> {
  const batches = (tables.ledgerBatches ?? []).map((b, i) =>
    need(ledgerBatchSchema, b, `tables.ledgerBatches[${i}]`, 'An import batch record'),
  );
  const committed = new Set(batches.filter((b) => b.status === 'committed').map((b) => b.id));
  const chunks = (tables.ledgerChunks ?? []).map(checkChunk);
  const manual = (tables.ledgerManual ?? []).map((m, i) =>
    need(manualEntrySchema, m, `tables.ledgerManual[${i}]`, 'A manual ledger entry'),
  );
  const metas = new Map(
    (tables.ledgerChunkMeta ?? []).map((m, i) => {
      const meta = need(ledgerChunkMetaSchema, m, `tables.ledgerChunkMeta[${i}]`, 'A ledger index record');
      return [meta.id, meta] as const;
    }),
  );
  const keys = new Map(
    (tables.ledgerChunkKeys ?? []).map((k, i) => {
      const key = need(ledgerChunkKeysSchema, k, `tables.ledgerChunkKeys[${i}]`, 'A duplicate-check record');
      return [key.id, key] as const;
    }),
  );
  if (metas.size !== chunks.length || keys.size !== chunks.length)
    fail('The ledger index records do not match the ledger chunks.', 'ledger-mismatch');
  const parts: DayAggregate[] = [];
  let rows = 0;
  for (const c of chunks) {
    if (!committed.has(c.batchId)) fail(`Ledger chunk ${c.id} belongs to no committed import batch.`);
    const agg = aggregateColumns(c.day, c.category, c.categoryIds, c.amountMinor);
    const meta = metas.get(c.id);
    if (!meta || meta.batchId !== c.batchId || meta.length !== c.length)
      fail(`Ledger chunk ${c.id} has no matching index record.`, 'ledger-mismatch');
    const kept = new Map(meta.aggregates.map((a) => [a.categoryId, a]));
    if (kept.size !== agg.length || !agg.every((a) => sameAggregate(a, kept.get(a.categoryId))))
      fail(`Ledger chunk ${c.id}: the stored sums do not match its rows.`, 'ledger-mismatch');
    const k = keys.get(c.id);
    const hashes = new Uint32Array(2 * c.length);
    hashColumns(c.day, c.category, c.categoryIds, c.amountMinor, c.reference, hashes);
    if (!k || k.hashes.length !== hashes.length || !hashes.every((h, i) => h === k.hashes[i])) {
      fail(`Ledger chunk ${c.id}: the duplicate-check keys do not match its rows.`, 'ledger-mismatch');
    }
    parts.push(...agg);
    rows += c.length;
    await yieldToMain();
  }
  for (const m of manual)
    parts.push(
      ...aggregateColumns(Int32Array.of(m.day), Uint8Array.of(0), [m.categoryId], Float64Array.of(m.amountMinor)),
    );
  rows += manual.length;
  const want = sumAggregates(parts);
  const have = (tables.ledgerAggregates ?? []).map((a, i) =>
    need(dayAggregateSchema, a, `tables.ledgerAggregates[${i}]`, 'Ledger totals'),
  );
  if (have.length !== want.size || !have.every((a) => sameAggregate(a, want.get(a.categoryId)))) {
    fail('The ledger totals in the backup do not match its rows.', 'ledger-mismatch');
  }
  return rows;
}

/** Parses and validates a backup file's text; throws BackupError naming what is wrong. */
export async function parseBackup(
  text: string,
): Promise<{ header: BackupHeader; tables: Record<string, unknown[]>; ledgerRows: number }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, reviver);
  } catch (e) {
    if (e instanceof BackupError) throw e;
    fail('The file is not a Headroom backup (not valid JSON).', 'not-backup');
  }
  const format = readRecord(v.looseObject({ format: backupHeaderSchema.entries.format }), parsed, '');
  if (!format.ok) fail('The file is not a Headroom backup.', 'not-backup');
  const version = (parsed as { version?: unknown }).version;
  if (version !== BACKUP_VERSION)
    fail(`Backup format version ${String(version)} is not supported.`, 'version', { version: String(version) });
  const { tables: rawTables, ...header } = need(backupHeaderSchema, parsed, '', 'The backup header');
  const d = db();
  await d.open();
  if (header.schemaVersion > d.verno)
    fail('The backup comes from a newer version of Headroom; update the app first.', 'newer-app');
  const known = new Map<string, Table>(d.tables.map((t) => [t.name, t]));
  const tables: Record<string, unknown[]> = {};
  for (const [name, rows] of Object.entries(rawTables)) {
    const table = known.get(name);
    if (!table) fail(`The backup has an unknown table "${name}".`, 'unknown-table', { name });
    const keyPath = table.schema.primKey.keyPath;
    const seen = new Set<unknown>();
    rows.forEach((input, i) => {
      const row = need(anyRecord, input, `tables.${name}[${i}]`, `Table "${name}", record ${i + 1}`);
      if (typeof keyPath === 'string') {
        const key = row[keyPath];
        if (key === undefined || key === null || (typeof key !== 'string' && typeof key !== 'number'))
          fail(`Table "${name}", record ${i + 1}: no "${keyPath}".`);
        if (seen.has(key))
          fail(`Table "${name}": the key ${JSON.stringify(key)} appears twice.`, 'duplicate-key', { name });
        seen.add(key);
      }
    });
    tables[name] = rows;
  }
  const ledgerRows = await validateLedger(tables);
  if (tables.history) {
    // A change history edited by hand no longer hashes to its chain: refuse the whole backup.
    const v = await verifyChain(tables.history, sha256);
    if (!v.ok && v.failure)
      fail(
        `The change history in the backup does not verify: record #${v.failure.seq} does not match (${v.failure.reason}). Nothing was restored.`,
        'history',
        { seq: v.failure.seq },
      );
  }
  if (tables.registerAgreements) {
    // The cap register is checked by its own rules, as a whole (domain/register.ts).
    // Stored rows carry their list position besides the document; the schema's output leaves it out.
    const agreements = tables.registerAgreements
      .map((row, i) => ({
        position: Number((row as { position?: unknown }).position),
        agreement: need(registerAgreementSchema, row, `tables.registerAgreements[${i}]`, 'A cap register agreement'),
      }))
      .sort((a, b) => a.position - b.position)
      .map((r) => r.agreement);
    const issues = validateRegister(agreements, kingsoftCloudXiaomi2026);
    if (issues.length)
      fail(
        `The cap register in the backup is not valid (${issues.length} problem(s), first at ${issues[0]!.path}: ${issues[0]!.code}).`,
        'register',
        { count: issues.length },
      );
  }
  const thresholds = readThresholdSettings(
    (tables.settings ?? []).map((row) => [(row as { key: string }).key, (row as { value?: unknown }).value] as const),
  );
  if (!thresholds.ok) {
    const { agreementId, shown } = thresholds.problem;
    const which = agreementId === null ? 'The alert threshold' : `The alert threshold of agreement ${agreementId}`;
    fail(
      `The backup's settings: ${which} is ${shown || 'empty'}: it must be a percentage above 0 and at most 100, with at most one decimal (such as 80 or 82.5).`,
      'threshold',
      { agreementId: agreementId ?? '', shown },
    );
  }
  (tables.uncappedResolutions ?? []).forEach((row, i) =>
    need(uncappedResolutionSchema, row, `tables.uncappedResolutions[${i}]`, 'A resolution of uncapped transactions'),
  );
  for (const row of tables.connectedConfig ?? []) {
    // The connected persons and rules are checked by the rules-file rules, as a whole.
    try {
      validateRulesDocument(
        rulesFileDocument((row as { config: ConnectedPersonsConfig }).config),
        "the backup's connected persons",
        kingsoftCloudXiaomi2026.categories.map((c) => c.id),
      );
    } catch (e) {
      fail(
        `The connected persons and rules in the backup are not valid (${e instanceof Error ? e.message : String(e)}).`,
        'connected-persons',
      );
    }
  }
  return { header, tables, ledgerRows };
}

/**
 * Replaces everything stored with the backup, atomically. Throws
 * BackupError (nothing changed) when the file is not a valid backup.
 */
export async function restoreBackup(text: string): Promise<BackupSummary> {
  const { header, tables, ledgerRows } = await parseBackup(text);
  const replacedHead = await historyHead();
  const d = db();
  const counts: Record<string, number> = {};
  await d.transaction('rw', d.tables, async () => {
    for (const table of d.tables) {
      await table.clear();
      const rows = tables[table.name] ?? [];
      // Chunk records one put at a time (each is megabytes); the rest in bulk.
      if (table.name === 'ledgerChunks') for (const r of rows) await table.put(r);
      else await table.bulkPut(rows);
      counts[table.name] = rows.length;
    }
  });
  // The restore itself is a change: recorded on the restored chain, with the head it replaced.
  await appendHistory({
    kind: 'restore',
    subject: header.exportedAt ?? '',
    before: { head: replacedHead.hash, count: replacedHead.count },
    after: { tables: counts, ledgerRows },
  });
  notifyLedgerChanged('all');
  return { tables: counts, ledgerRows };
}
