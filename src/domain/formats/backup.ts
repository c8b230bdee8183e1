/**
 * The backup file (`/transactions` → Backup): the schemas of its header and
 * of the ledger records it carries, checked by valibot before the ledger's
 * own consistency checks (sums, duplicate keys) in storage/backup.ts. Binary
 * columns arrive already revived as typed arrays. Records are loose objects:
 * fields added by later versions are kept, so a restore writes back exactly
 * what was backed up.
 */
import type { SchemaIssue } from '../schemaIssue';
import * as v from 'valibot';
import { pathOf } from './shape';

export const BACKUP_FORMAT = 'headroom-backup';

/**
 * Why a backup was refused, as a code and values the UI words in each
 * language (the storage layer's message is the English detail for logs).
 */
export const BACKUP_ERROR_CODES = [
  'not-backup',
  'version',
  'newer-app',
  'damaged',
  'unknown-table',
  'duplicate-key',
  'ledger-mismatch',
  'history',
  'register',
  'connected-persons',
  'threshold',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];

/** A refusal's code and values, when the error is one (read structurally: errors cross the data layer as plain objects). */
export function backupErrorOf(
  e: unknown,
): { readonly code: BackupErrorCode; readonly params: Readonly<Record<string, string | number>> } | null {
  const code = (e as { backupCode?: unknown } | null)?.backupCode;
  if (typeof code !== 'string' || !(BACKUP_ERROR_CODES as readonly string[]).includes(code)) return null;
  const params = (e as { params?: Readonly<Record<string, string | number>> }).params ?? {};
  return { code: code as BackupErrorCode, params };
}
export const BACKUP_VERSION = 1;

const whole = (message: string) => v.pipe(v.number(message), v.integer(message));
const safeWhole = (message: string) => v.pipe(v.number(message), v.safeInteger(message));

/** The first record of a backup: what wrote it and when. */
export const backupHeaderSchema = v.looseObject({
  format: v.literal(BACKUP_FORMAT, 'not a Headroom backup'),
  version: v.literal(BACKUP_VERSION, 'format version not supported'),
  schemaVersion: whole('no database schema version'),
  // Informational only: a backup without it is still restorable.
  exportedAt: v.optional(v.string('the export time is not text')),
  tables: v.record(v.string(), v.array(v.unknown(), 'not a list of records'), 'no tables'),
});

/** A text column: all texts of a chunk concatenated, with n + 1 offsets. */
const packedSchema = v.pipe(
  v.looseObject({ text: v.string('text column malformed'), offsets: v.instance(Uint32Array, 'text column malformed') }),
  v.check(
    (p) => p.offsets[0] === 0 && p.offsets[p.offsets.length - 1] === p.text.length,
    'text column offsets do not match the text',
  ),
  v.check((p) => p.offsets.every((o, i) => i === 0 || p.offsets[i - 1]! <= o), 'text column offsets go backwards'),
);

/** Up to 50,000 imported rows, column by column. */
export const ledgerChunkSchema = v.pipe(
  v.looseObject({
    id: v.string('no id'),
    batchId: v.string('no batch'),
    seq: whole('no sequence number'),
    length: whole('no length'),
    categoryIds: v.pipe(
      v.array(v.string('category list malformed'), 'category list malformed'),
      v.maxLength(255, 'category list malformed'),
    ),
    day: v.instance(Int32Array, 'date column malformed'),
    category: v.instance(Uint8Array, 'category column malformed'),
    amountMinor: v.instance(Float64Array, 'amount column malformed'),
    rowNumber: v.instance(Int32Array, 'row-number column malformed'),
    reference: packedSchema,
    description: packedSchema,
  }),
  v.forward(
    v.check((c) => c.day.length === c.length, 'date column malformed'),
    ['day'],
  ),
  v.forward(
    v.check((c) => c.category.length === c.length, 'category column malformed'),
    ['category'],
  ),
  v.forward(
    v.check((c) => c.amountMinor.length === c.length, 'amount column malformed'),
    ['amountMinor'],
  ),
  v.forward(
    v.check((c) => c.rowNumber.length === c.length, 'row-number column malformed'),
    ['rowNumber'],
  ),
  v.forward(
    v.check((c) => c.reference.offsets.length === c.length + 1, 'text column malformed'),
    ['reference'],
  ),
  v.forward(
    v.check((c) => c.description.offsets.length === c.length + 1, 'text column malformed'),
    ['description'],
  ),
);

/** A transaction typed in by hand. */
export const manualEntrySchema = v.looseObject({
  id: whole('no id'),
  day: whole('date is not a day number'),
  categoryId: v.pipe(v.string('no category'), v.nonEmpty('no category')),
  amountMinor: safeWhole('amount is not a whole number of minor units'),
  reference: v.string('reference is not text'),
  description: v.string('description is not text'),
});

/** One category's per-day sums (of a chunk, or of the whole ledger). */
export const dayAggregateSchema = v.pipe(
  v.looseObject({
    categoryId: v.string('per-day sums malformed'),
    days: v.instance(Int32Array, 'per-day sums malformed'),
    sums: v.instance(BigInt64Array, 'per-day sums malformed'),
    counts: v.instance(Int32Array, 'per-day sums malformed'),
  }),
  v.check((a) => a.sums.length === a.days.length && a.counts.length === a.days.length, 'per-day sums malformed'),
);

/** An import batch: only what the restore relies on is checked; the rest is kept as written. */
export const ledgerBatchSchema = v.looseObject({
  id: v.string('no id'),
  status: v.picklist(['committed', 'rolled-back'], 'unknown status'),
});

/** The index record of a chunk. */
export const ledgerChunkMetaSchema = v.looseObject({
  id: v.string('no id'),
  batchId: v.string('no batch'),
  length: whole('no length'),
  aggregates: v.array(dayAggregateSchema, 'per-day sums malformed'),
});

/** The duplicate-check keys of a chunk. */
export const ledgerChunkKeysSchema = v.looseObject({
  id: v.string('no id'),
  hashes: v.instance(Uint32Array, 'duplicate-check keys malformed'),
});

/**
 * The record as the schema's output, or the first problem: its path
 * ("tables.ledgerChunks[0].day") and the issue, with the schema's English text
 * (`issue.message`, "date column malformed") and, for a catalogue to word it in
 * another language, its kind.
 */
export function readRecord<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  path: string,
):
  | { readonly ok: true; readonly value: v.InferOutput<S> }
  | {
      readonly ok: false;
      readonly path: string;
      readonly issue: Pick<SchemaIssue, 'message' | 'type' | 'received'>;
    } {
  const r = v.safeParse(schema, input, { abortPipeEarly: true });
  if (r.success) return { ok: true, value: r.output };
  const first = r.issues[0];
  return {
    ok: false,
    path: pathOf(first, path),
    issue: {
      message: first.message,
      type: first.type,
      ...(first.received !== undefined ? { received: first.received } : {}),
    },
  };
}
