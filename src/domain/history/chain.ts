/**
 * The change history as a hash chain. Every record carries the SHA-256 of the
 * RFC 8785 canonical text of its content plus the previous record's hash, so
 * changing, removing or reordering any record breaks every hash after it.
 * Anyone holding the file can re-hash an edited chain, which is why the head
 * hash and the record count are printed on reports: a chain is also checked
 * against a head hash from an earlier printout.
 *
 * The digest is passed in (Web Crypto in the browser, node:crypto's webcrypto
 * in the CLI) so this module stays pure.
 */
import { canonicalJson } from './canonicalJson';

/** What a record is about; the UI labels each kind, unknown kinds show as is. */
export type HistoryKind =
  | 'genesis'
  | 'restore'
  | 'user'
  | 'import'
  | 'rollback'
  | 'entry-add'
  | 'entry-edit'
  | 'entry-delete'
  | 'ledger-complete'
  | 'ledger-complete-through'
  | 'uncapped-resolve'
  | 'uncapped-reopen'
  | 'approval'
  | 'approval-clear'
  | 'threshold'
  | 'register-save'
  | 'register-delete'
  | 'register-import'
  | 'commentary'
  | 'order-save'
  | 'order-delete'
  | 'exception-close'
  | 'price-check-save'
  | 'price-check-delete'
  | 'alert-created'
  | 'alert-acknowledged'
  | 'alert-reported'
  | 'alert-settings'
  | 'rule'
  | 'connected-person'
  | 'classification';

export const HISTORY_KINDS: readonly HistoryKind[] = [
  'genesis',
  'restore',
  'user',
  'import',
  'rollback',
  'entry-add',
  'entry-edit',
  'entry-delete',
  'ledger-complete',
  'ledger-complete-through',
  'uncapped-resolve',
  'uncapped-reopen',
  'approval',
  'approval-clear',
  'threshold',
  'register-save',
  'register-delete',
  'register-import',
  'commentary',
  'order-save',
  'order-delete',
  'exception-close',
  'price-check-save',
  'price-check-delete',
  'alert-created',
  'alert-acknowledged',
  'alert-reported',
  'alert-settings',
  'rule',
  'connected-person',
  'classification',
];

/** A JSON value as stored in a record (before/after states, details). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/** What the caller says about a change; the chain adds position, time, hashes. */
export interface HistoryInput {
  readonly kind: HistoryKind;
  /** Id of the thing changed (batch id, entry id, agreement id, order reference…), '' when none. */
  readonly subject: string;
  /** State before the change (null for a creation). */
  readonly before: JsonValue;
  /** State after the change (null for a deletion). */
  readonly after: JsonValue;
}

export interface HistoryContent extends HistoryInput {
  /** Position in the chain, 0 for the genesis record. */
  readonly seq: number;
  /** ISO 8601 timestamp of the change (UTC). */
  readonly at: string;
  /** The user name set in settings when the change was made. */
  readonly who: string;
}

export interface HistoryRecord extends HistoryContent {
  /** Hash of the previous record; GENESIS_PREV for record 0. */
  readonly prevHash: string;
  /** Lowercase hex SHA-256 of canonicalJson(content + prevHash). */
  readonly hash: string;
}

/** The previous hash of the first record: 64 zeros. */
export const GENESIS_PREV = '0'.repeat(64);

/** A SHA-256 of bytes as lowercase hex. */
export type Sha256Hex = (bytes: Uint8Array<ArrayBuffer>) => Promise<string>;

/** Minimal shape of Web Crypto's SubtleCrypto that hashing needs. */
export interface DigestProvider {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/** SHA-256 through Web Crypto (`crypto.subtle`, or node:crypto's `webcrypto.subtle`). */
export function sha256With(subtle: DigestProvider): Sha256Hex {
  return async (bytes) => {
    const buf = new Uint8Array(await subtle.digest('SHA-256', bytes));
    let hex = '';
    for (const b of buf) hex += b.toString(16).padStart(2, '0');
    return hex;
  };
}

const encoder = new TextEncoder();

/** The text a record's hash is taken over: canonical JSON of its content and prevHash (no hash field). */
export function hashedText(content: HistoryContent, prevHash: string): string {
  const { kind, subject, before, after, seq, at, who } = content;
  return canonicalJson({ kind, subject, before, after, seq, at, who, prevHash });
}

/** The hash a record with this content and previous hash must carry. */
export async function hashOf(content: HistoryContent, prevHash: string, sha256: Sha256Hex): Promise<string> {
  return sha256(encoder.encode(hashedText(content, prevHash)));
}

/** The chain's head: what reports print so a later copy can be checked against it. */
export interface HistoryHead {
  /** Number of records (the genesis record included). */
  readonly count: number;
  /** Hash of the last record; GENESIS_PREV when there is none. */
  readonly hash: string;
}

export function headOf(records: readonly HistoryRecord[]): HistoryHead {
  const last = records[records.length - 1];
  return { count: records.length, hash: last ? last.hash : GENESIS_PREV };
}

/** The next record after `head` (null head: this is the genesis record). */
export async function nextRecord(
  head: HistoryHead,
  input: HistoryInput,
  who: string,
  at: string,
  sha256: Sha256Hex,
): Promise<HistoryRecord> {
  const content: HistoryContent = { ...input, seq: head.count, at, who };
  return { ...content, prevHash: head.hash, hash: await hashOf(content, head.hash, sha256) };
}

export type VerifyFailure =
  | { readonly seq: number; readonly reason: 'malformed' | 'seq' | 'prev' | 'hash' }
  | { readonly seq: number; readonly reason: 'head-not-found' | 'head-mismatch'; readonly expected: string };

export interface VerifyResult {
  readonly ok: boolean;
  readonly head: HistoryHead;
  /** The first record that does not match (and why), or null when the chain verifies. */
  readonly failure: VerifyFailure | null;
}

const HEX64 = /^[0-9a-f]{64}$/;

function wellFormed(r: unknown): r is HistoryRecord {
  if (!r || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  return (
    Number.isInteger(o.seq) &&
    typeof o.at === 'string' &&
    typeof o.who === 'string' &&
    typeof o.kind === 'string' &&
    typeof o.subject === 'string' &&
    'before' in o &&
    'after' in o &&
    typeof o.prevHash === 'string' &&
    typeof o.hash === 'string' &&
    HEX64.test(o.hash)
  );
}

/**
 * Recomputes the chain in order and names the first record that does not
 * match: a record that is not a history record, a position out of sequence,
 * a previous hash that is not the hash of the record before, or a hash that
 * is not the hash of the record's own content. With `expectedHead` (a head
 * from an earlier printout), the chain must also hold that hash at that
 * position (count − 1): a chain edited and then fully re-hashed verifies on
 * its own but fails here.
 */
export async function verifyChain(
  records: readonly unknown[],
  sha256: Sha256Hex,
  expectedHead?: { readonly hash: string; readonly count?: number },
): Promise<VerifyResult> {
  let prev = GENESIS_PREV;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const fail = (reason: 'malformed' | 'seq' | 'prev' | 'hash'): VerifyResult => ({
      ok: false,
      head: { count: records.length, hash: wellFormed(r) ? r.hash : '' },
      failure: { seq: i, reason },
    });
    if (!wellFormed(r)) return fail('malformed');
    if (r.seq !== i) return fail('seq');
    if (r.prevHash !== prev) return fail('prev');
    let computed: string;
    try {
      computed = await hashOf(r, r.prevHash, sha256);
    } catch {
      return fail('malformed');
    }
    if (computed !== r.hash) return fail('hash');
    prev = r.hash;
  }
  const head = headOf(records as readonly HistoryRecord[]);
  if (expectedHead) {
    const want = expectedHead.hash.trim().toLowerCase();
    const at =
      expectedHead.count !== undefined
        ? expectedHead.count - 1
        : (records as readonly HistoryRecord[]).findIndex((r) => r.hash === want);
    if (at < 0 || at >= records.length)
      return { ok: false, head, failure: { seq: Math.max(at, 0), reason: 'head-not-found', expected: want } };
    if ((records[at] as HistoryRecord).hash !== want)
      return { ok: false, head, failure: { seq: at, reason: 'head-mismatch', expected: want } };
  }
  return { ok: true, head, failure: null };
}

/** Parses a head pasted from a printout: "<64 hex>" or "<count> records · <64 hex>" in any order. */
export function parseHeadText(text: string): { hash: string; count?: number } | null {
  const hash = /\b([0-9a-fA-F]{64})\b/.exec(text)?.[1];
  if (!hash) return null;
  const rest = text.replace(hash, ' ');
  const count = /\b(\d{1,9})\b/.exec(rest)?.[1];
  return count !== undefined ? { hash: hash.toLowerCase(), count: Number(count) } : { hash: hash.toLowerCase() };
}

/** Which records a history filter keeps: kinds (empty: all), who, subject/text, inclusive dates. */
export interface HistoryFilter {
  readonly kinds?: readonly string[];
  readonly who?: string;
  readonly text?: string;
  /** Inclusive YYYY-MM-DD bounds on the record's UTC date. */
  readonly from?: string;
  readonly to?: string;
}

export function filterHistory(records: readonly HistoryRecord[], f: HistoryFilter): HistoryRecord[] {
  const text = f.text?.trim().toLowerCase();
  const who = f.who?.trim().toLowerCase();
  return records.filter((r) => {
    if (f.kinds?.length && !f.kinds.includes(r.kind)) return false;
    if (who && !r.who.toLowerCase().includes(who)) return false;
    const day = r.at.slice(0, 10);
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    if (text && !`${r.subject} ${JSON.stringify(r.before)} ${JSON.stringify(r.after)}`.toLowerCase().includes(text))
      return false;
    return true;
  });
}
