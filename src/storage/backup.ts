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
import { kingsoftCloudXiaomi2026 } from '../domain/disclosed/kingsoftCloudXiaomi2026';
import { type RegisterAgreement, validateRegister } from '../domain/register';
import { rulesFileDocument, validateRulesDocument, type ConnectedPersonsConfig } from '../domain/classify/rulesFile';
import { db } from './db';
import { aggregateColumns, sameAggregate, sumAggregates } from '../domain/ledger/aggregates';
import { hashColumns } from '../domain/ledger/keys';
import { notifyLedgerChanged } from './ledgerEvents';
import type {
  DayAggregate,
  LedgerBatchRecord,
  LedgerChunkKeysRecord,
  LedgerChunkMetaRecord,
  LedgerChunkRecord,
  ManualEntryRecord,
  PackedStrings,
} from './ledgerTypes';
import { yieldToMain } from '../workers/yieldToMain';
import type { BackupSummary } from './repositories';

export type { BackupSummary } from './repositories';

export const BACKUP_FORMAT = 'headroom-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  /** Dexie schema version of the database that wrote the backup. */
  readonly schemaVersion: number;
  readonly exportedAt: string;
}

/** Raised for a backup that cannot be restored; nothing has been changed. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;

function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  const step = 3 * 10_922; // a multiple of 3, so only the last piece carries "=" padding
  for (let i = 0; i < bytes.length; i += step) {
    out += btoa(String.fromCharCode.apply(null, bytes.subarray(i, i + step) as unknown as number[]));
  }
  return out;
}

function base64ToBytes(b64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new BackupError('A binary column is not valid base64.');
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name as TypedName;
    if (!(name in TYPED)) throw new Error(`Cannot back up a ${name}`);
    return { $typed: name, base64: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const keys = Object.keys(v);
    if (keys.length === 1 && typeof v.$bigint === 'string') {
      if (!/^-?\d{1,20}$/.test(v.$bigint)) throw new BackupError('A big integer is malformed.');
      return BigInt(v.$bigint);
    }
    if (keys.length === 2 && typeof v.$typed === 'string' && typeof v.base64 === 'string') {
      const ctor = TYPED[v.$typed as TypedName];
      if (!ctor || !Object.hasOwn(TYPED, v.$typed)) throw new BackupError(`Unknown binary column type "${v.$typed}".`);
      const bytes = base64ToBytes(v.base64);
      if (bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0)
        throw new BackupError(`A ${v.$typed} column has a partial element.`);
      return new ctor(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / ctor.BYTES_PER_ELEMENT);
    }
  }
  return value;
}

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
        parts.push(`${n ? ',' : ''}${JSON.stringify(row, replacer)}`);
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

function fail(msg: string): never {
  throw new BackupError(msg);
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function checkPacked(p: unknown, n: number, what: string): PackedStrings {
  if (!isObj(p) || typeof p.text !== 'string' || !(p.offsets instanceof Uint32Array) || p.offsets.length !== n + 1) {
    fail(`${what}: text column malformed.`);
  }
  const { text, offsets } = p as unknown as PackedStrings;
  if (offsets[0] !== 0 || offsets[n] !== text.length) fail(`${what}: text column offsets do not match the text.`);
  for (let i = 0; i < n; i++) if (offsets[i]! > offsets[i + 1]!) fail(`${what}: text column offsets go backwards.`);
  return p as unknown as PackedStrings;
}

function checkChunk(c: unknown): LedgerChunkRecord {
  if (
    !isObj(c) ||
    typeof c.id !== 'string' ||
    typeof c.batchId !== 'string' ||
    !Number.isInteger(c.length) ||
    !Number.isInteger(c.seq)
  ) {
    fail('A ledger chunk has no id, batch or length.');
  }
  const n = c.length as number;
  const what = `Ledger chunk ${c.id}`;
  if (!Array.isArray(c.categoryIds) || !c.categoryIds.every((x) => typeof x === 'string') || c.categoryIds.length > 255)
    fail(`${what}: category list malformed.`);
  if (!(c.day instanceof Int32Array) || c.day.length !== n) fail(`${what}: date column malformed.`);
  if (!(c.category instanceof Uint8Array) || c.category.length !== n) fail(`${what}: category column malformed.`);
  if (!(c.amountMinor instanceof Float64Array) || c.amountMinor.length !== n) fail(`${what}: amount column malformed.`);
  if (!(c.rowNumber instanceof Int32Array) || c.rowNumber.length !== n) fail(`${what}: row-number column malformed.`);
  const cats = (c.categoryIds as string[]).length;
  for (let i = 0; i < n; i++) {
    if (c.category[i]! >= cats) fail(`${what}, row ${i + 1}: category index out of range.`);
    if (!Number.isSafeInteger(c.amountMinor[i]!)) fail(`${what}, row ${i + 1}: amount is not a whole number of fen.`);
  }
  checkPacked(c.reference, n, what);
  checkPacked(c.description, n, what);
  return c as unknown as LedgerChunkRecord;
}

function checkManual(m: unknown): ManualEntryRecord {
  if (
    !isObj(m) ||
    !Number.isInteger(m.id) ||
    !Number.isInteger(m.day) ||
    typeof m.categoryId !== 'string' ||
    !m.categoryId ||
    !Number.isSafeInteger(m.amountMinor) ||
    typeof m.reference !== 'string' ||
    typeof m.description !== 'string'
  ) {
    fail('A manual ledger entry is malformed.');
  }
  return m as unknown as ManualEntryRecord;
}

function checkAggregate(a: unknown, what: string): DayAggregate {
  if (
    !isObj(a) ||
    typeof a.categoryId !== 'string' ||
    !(a.days instanceof Int32Array) ||
    !(a.sums instanceof BigInt64Array) ||
    !(a.counts instanceof Int32Array) ||
    a.sums.length !== a.days.length ||
    a.counts.length !== a.days.length
  ) {
    fail(`${what}: per-day sums malformed.`);
  }
  return a as unknown as DayAggregate;
}

/** Checks the ledger tables of a parsed backup against themselves (see the module comment). */
async function validateLedger(tables: Record<string, unknown[]>): Promise<number> {
  const batches = (tables.ledgerBatches ?? []) as LedgerBatchRecord[];
  for (const b of batches) {
    if (!isObj(b) || typeof b.id !== 'string' || (b.status !== 'committed' && b.status !== 'rolled-back'))
      fail('An import batch record is malformed.');
  }
  const committed = new Set(batches.filter((b) => b.status === 'committed').map((b) => b.id));
  const chunks = (tables.ledgerChunks ?? []).map(checkChunk);
  const manual = (tables.ledgerManual ?? []).map(checkManual);
  const metas = new Map(
    ((tables.ledgerChunkMeta ?? []) as LedgerChunkMetaRecord[]).map((m) => [isObj(m) ? m.id : '', m]),
  );
  const keys = new Map(
    ((tables.ledgerChunkKeys ?? []) as LedgerChunkKeysRecord[]).map((k) => [isObj(k) ? k.id : '', k]),
  );
  if (metas.size !== chunks.length || keys.size !== chunks.length)
    fail('The ledger index records do not match the ledger chunks.');
  const parts: DayAggregate[] = [];
  let rows = 0;
  for (const c of chunks) {
    if (!committed.has(c.batchId)) fail(`Ledger chunk ${c.id} belongs to no committed import batch.`);
    const agg = aggregateColumns(c.day, c.category, c.categoryIds, c.amountMinor);
    const meta = metas.get(c.id);
    if (!meta || meta.batchId !== c.batchId || meta.length !== c.length || !Array.isArray(meta.aggregates))
      fail(`Ledger chunk ${c.id} has no matching index record.`);
    const kept = new Map(
      meta.aggregates.map((a) => checkAggregate(a, `Ledger chunk ${c.id}`)).map((a) => [a.categoryId, a]),
    );
    if (kept.size !== agg.length || !agg.every((a) => sameAggregate(a, kept.get(a.categoryId))))
      fail(`Ledger chunk ${c.id}: the stored sums do not match its rows.`);
    const k = keys.get(c.id);
    const hashes = new Uint32Array(2 * c.length);
    hashColumns(c.day, c.category, c.categoryIds, c.amountMinor, c.reference, hashes);
    if (
      !k ||
      !(k.hashes instanceof Uint32Array) ||
      k.hashes.length !== hashes.length ||
      !hashes.every((h, i) => h === k.hashes[i])
    ) {
      fail(`Ledger chunk ${c.id}: the duplicate-check keys do not match its rows.`);
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
  const have = ((tables.ledgerAggregates ?? []) as unknown[]).map((a) => checkAggregate(a, 'Ledger totals'));
  if (have.length !== want.size || !have.every((a) => sameAggregate(a, want.get(a.categoryId)))) {
    fail('The ledger totals in the backup do not match its rows.');
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
    fail('The file is not a Headroom backup (not valid JSON).');
  }
  if (!isObj(parsed) || parsed.format !== BACKUP_FORMAT) fail('The file is not a Headroom backup.');
  if (parsed.version !== BACKUP_VERSION) fail(`Backup format version ${String(parsed.version)} is not supported.`);
  const d = db();
  await d.open();
  if (!Number.isInteger(parsed.schemaVersion) || (parsed.schemaVersion as number) > d.verno) {
    fail('The backup comes from a newer version of Headroom; update the app first.');
  }
  if (!isObj(parsed.tables)) fail('The backup has no tables.');
  const known = new Map<string, Table>(d.tables.map((t) => [t.name, t]));
  const tables: Record<string, unknown[]> = {};
  for (const [name, rows] of Object.entries(parsed.tables)) {
    const table = known.get(name);
    if (!table) fail(`The backup has an unknown table "${name}".`);
    if (!Array.isArray(rows)) fail(`Table "${name}" is not a list of records.`);
    const keyPath = table.schema.primKey.keyPath;
    const seen = new Set<unknown>();
    rows.forEach((row, i) => {
      if (!isObj(row)) fail(`Table "${name}", record ${i + 1}: not an object.`);
      if (typeof keyPath === 'string') {
        const key = row[keyPath];
        if (key === undefined || key === null || (typeof key !== 'string' && typeof key !== 'number'))
          fail(`Table "${name}", record ${i + 1}: no "${keyPath}".`);
        if (seen.has(key)) fail(`Table "${name}": the key ${JSON.stringify(key)} appears twice.`);
        seen.add(key);
      }
    });
    tables[name] = rows;
  }
  const ledgerRows = await validateLedger(tables);
  if (tables.registerAgreements) {
    // The cap register is checked by its own rules, as a whole (domain/register.ts).
    const agreements = [...tables.registerAgreements]
      .sort((a, b) => Number((a as { position?: number }).position) - Number((b as { position?: number }).position))
      .map((row) => {
        const { position: _p, ...rest } = row as RegisterAgreement & { position?: number };
        void _p;
        return rest as RegisterAgreement;
      });
    const issues = validateRegister(agreements, kingsoftCloudXiaomi2026);
    if (issues.length)
      fail(
        `The cap register in the backup is not valid (${issues.length} problem(s), first at ${issues[0]!.path}: ${issues[0]!.code}).`,
      );
  }
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
      );
    }
  }
  const { tables: _t, ...rest } = parsed;
  void _t;
  return { header: rest as unknown as BackupHeader, tables, ledgerRows };
}

/**
 * Replaces everything stored with the backup, atomically. Throws
 * BackupError (nothing changed) when the file is not a valid backup.
 */
export async function restoreBackup(text: string): Promise<BackupSummary> {
  const { tables, ledgerRows } = await parseBackup(text);
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
  notifyLedgerChanged('all');
  return { tables: counts, ledgerRows };
}
