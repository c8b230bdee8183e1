/**
 * The change history in IndexedDB (table `history`, schema version 6): an
 * append-only hash chain (domain/history/chain.ts). Nothing here updates or
 * deletes a record; a restore replaces the whole chain only after the backup's
 * chain verifies (backup.ts).
 *
 * Appending needs the previous hash, and hashing is asynchronous Web Crypto,
 * which cannot run inside an IndexedDB transaction (it would commit on its
 * own). So the record is hashed first against the head read before, and the
 * transaction re-reads the head and writes only if it is still the same
 * (another tab may have appended meanwhile; then it hashes again). Writes of
 * this app's own evidence tables go in that same transaction, so the change
 * and its record are stored together or not at all.
 */
import type { Table, Transaction } from 'dexie';
import { canonicalJson } from '../domain/history/canonicalJson';
import {
  type HistoryHead,
  type HistoryInput,
  type HistoryRecord,
  headOf,
  nextRecord,
  sha256With,
  type Sha256Hex,
  verifyChain,
  type VerifyResult,
} from '../domain/history/chain';
import { db } from './db';

/** SHA-256 through the platform's Web Crypto. */
export const sha256: Sha256Hex = (bytes) => sha256With(globalThis.crypto.subtle)(bytes);

const USER_KEY = 'userName';

/** The name stamped on every record ('' until set). */
export async function loadUserName(): Promise<string> {
  const row = await db().settings.get(USER_KEY);
  return typeof row?.value === 'string' ? row.value : '';
}

class HeadMoved extends Error {}

/**
 * Thrown by a write when what its `prepare` read has changed by the time the
 * transaction runs (another tab wrote meanwhile): the change is prepared and
 * hashed again, like a moved head.
 */
export class StalePrepare extends Error {}

async function readHead(): Promise<HistoryHead> {
  const d = db();
  const last = await d.history.orderBy('seq').last();
  return last ? { count: last.seq + 1, hash: last.hash } : { count: 0, hash: '0'.repeat(64) };
}

/** JSON of a stored record for hashing: bigints and typed arrays as tagged plain values. */
function hashReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number | bigint>;
    return {
      $typed: value.constructor.name,
      values: Array.from(arr, (x) => (typeof x === 'bigint' ? x.toString() : x)),
    };
  }
  return value;
}

/**
 * A hash of everything stored outside the history, table by table in key
 * order: each record's JSON hashed, then the canonical
 * JSON of table name → record hashes hashed. The genesis record keeps it, so
 * data that existed before the history started is pinned too.
 */
export async function stateHash(): Promise<{ hash: string; tables: Record<string, number> }> {
  const d = db();
  const enc = new TextEncoder();
  const perTable: Record<string, string[]> = {};
  const tables: Record<string, number> = {};
  for (const t of [...d.tables].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (t.name === 'history') continue;
    const keys = await t.toCollection().primaryKeys();
    const hashes: string[] = [];
    for (let i = 0; i < keys.length; i += 200) {
      for (const row of await t.bulkGet(keys.slice(i, i + 200))) {
        if (row !== undefined) hashes.push(await sha256(enc.encode(JSON.stringify(row, hashReplacer))));
      }
    }
    perTable[t.name] = hashes;
    tables[t.name] = hashes.length;
  }
  return { hash: await sha256(enc.encode(canonicalJson(perTable))), tables };
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs appends of this tab one after another (other tabs are caught by the head check). */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function ensureGenesisUnlocked(now: () => string): Promise<void> {
  const d = db();
  if ((await d.history.count()) > 0) return;
  const state = await stateHash();
  const who = await loadUserName();
  const rec = await nextRecord(
    { count: 0, hash: '0'.repeat(64) },
    { kind: 'genesis', subject: '', before: null, after: { stateHash: state.hash, tables: state.tables } },
    who,
    now(),
    sha256,
  );
  await d.transaction('rw', d.history, async () => {
    if ((await d.history.count()) === 0) await d.history.add(rec);
  });
}

/** Starts the history with its genesis record when it is empty (hashing what is stored already). */
export function ensureGenesis(now: () => string = () => new Date().toISOString()): Promise<void> {
  return serial(() => ensureGenesisUnlocked(now));
}

/**
 * Appends one record and, in the same transaction, runs `write` over `tables`
 * (reads for `prepare` happen before; a changed head re-runs `prepare`).
 * Returns what `write` returned. Nothing is stored if `write` throws.
 */
export function commitWithHistory<T>(
  tables: readonly Table[],
  prepare: () => Promise<{ input: HistoryInput; write: (tx: Transaction) => Promise<T> }>,
  now: () => string = () => new Date().toISOString(),
): Promise<T> {
  return serial(async () => {
    const d = db();
    await ensureGenesisUnlocked(now);
    for (let attempt = 0; ; attempt++) {
      const head = await readHead();
      const { input, write } = await prepare();
      const rec = await nextRecord(head, input, await loadUserName(), now(), sha256);
      try {
        return await d.transaction('rw', [d.history, ...tables], async (tx) => {
          const cur = await d.history.orderBy('seq').last();
          if ((cur?.hash ?? '0'.repeat(64)) !== head.hash) throw new HeadMoved();
          const out = await write(tx);
          await d.history.add(rec);
          return out;
        });
      } catch (e) {
        if (!(e instanceof HeadMoved || e instanceof StalePrepare) || attempt >= 5) throw e;
      }
    }
  });
}

/** Appends a record for a change already stored elsewhere (ledger, register, approvals…). */
export function appendHistory(input: HistoryInput, now?: () => string): Promise<void> {
  return commitWithHistory([], async () => ({ input, write: async () => undefined }), now);
}

/** Sets the user name stamped on records from now on (itself a record). */
export function saveUserName(name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 80) return Promise.reject(new RangeError('A name of 1 to 80 characters is needed.'));
  const d = db();
  return commitWithHistory([d.settings], async () => {
    const before = await loadUserName();
    return {
      input: { kind: 'user', subject: '', before: before || null, after: trimmed },
      write: async () => {
        await d.settings.put({ key: USER_KEY, value: trimmed });
      },
    };
  });
}

export async function listHistory(): Promise<HistoryRecord[]> {
  return db().history.orderBy('seq').toArray();
}

export async function historyHead(): Promise<HistoryHead> {
  return headOf(await listHistory());
}

/** Recomputes the stored chain (optionally against a head from an earlier printout). */
export async function verifyStoredHistory(expected?: { hash: string; count?: number }): Promise<VerifyResult> {
  return verifyChain(await listHistory(), sha256, expected);
}
