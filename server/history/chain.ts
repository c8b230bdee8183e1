/**
 * The change history: append-only in the database (see 001_initial.sql), each
 * record chained to the previous one by SHA-256, so a record changed, removed
 * or reordered behind the database's back shows up on verification.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db';
import { canonicalJson } from '../../src/domain/history/canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);
/** Serialises appends across connections and servers (any constant, the same everywhere). */
const CHAIN_LOCK = 4180_0014;

export interface HistoryEntry {
  actorId: number | null;
  /** Who, as shown: "Display Name (username)". */
  actor: string;
  action: string;
  entity: string;
  entityKey: string;
  detail: Record<string, unknown>;
}

export interface HistoryRecord extends HistoryEntry {
  seq: number;
  /** ISO timestamp, millisecond precision, UTC. */
  at: string;
  prevHash: string;
  hash: string;
}

/** The SHA-256 (hex) of a record: its canonical JSON without the hash itself. */
export function recordHash(r: Omit<HistoryRecord, 'hash'>): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        seq: r.seq,
        at: r.at,
        actorId: r.actorId,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityKey: r.entityKey,
        detail: r.detail,
        prevHash: r.prevHash,
      }),
    )
    .digest('hex');
}

/** Appends one record inside the caller's transaction; returns it. */
export async function appendHistory(q: Queryable, e: HistoryEntry, now = new Date()): Promise<HistoryRecord> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const { rows } = await q.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM change_history ORDER BY seq DESC LIMIT 1',
  );
  const last = rows[0];
  const base = {
    ...e,
    // Through JSON so the hash covers exactly what jsonb gives back.
    detail: JSON.parse(JSON.stringify(e.detail)) as Record<string, unknown>,
    seq: last ? Number(last.seq) + 1 : 1,
    at: now.toISOString(),
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  const rec: HistoryRecord = { ...base, hash: recordHash(base) };
  await q.query(
    `INSERT INTO change_history (seq, at, actor_id, actor, action, entity, entity_key, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      rec.seq,
      rec.at,
      rec.actorId,
      rec.actor,
      rec.action,
      rec.entity,
      rec.entityKey,
      JSON.stringify(rec.detail),
      rec.prevHash,
      rec.hash,
    ],
  );
  return rec;
}

interface Row {
  seq: number;
  at: Date | string;
  actor_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_key: string;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

export function fromRow(r: Row): HistoryRecord {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityKey: r.entity_key,
    detail: r.detail,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function listHistory(q: Queryable, afterSeq: number, limit: number): Promise<HistoryRecord[]> {
  const { rows } = await q.query<Row & Record<string, unknown>>(
    'SELECT * FROM change_history WHERE seq > $1 ORDER BY seq LIMIT $2',
    [afterSeq, limit],
  );
  return rows.map(fromRow);
}

export type ChainCheck =
  { ok: true; records: number } | { ok: false; records: number; brokenAt: number; reason: string };

/** Walks the whole chain in pages; the first record whose link or hash does not match breaks it. */
export async function verifyHistory(q: Queryable, pageSize = 1000): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await listHistory(q, expectedSeq - 1, pageSize);
    for (const r of page) {
      if (r.seq !== expectedSeq) return { ok: false, records: count, brokenAt: expectedSeq, reason: 'missing record' };
      if (r.prevHash !== prev)
        return { ok: false, records: count, brokenAt: r.seq, reason: 'link to the previous record broken' };
      const { hash, ...rest } = r;
      if (recordHash(rest) !== hash) return { ok: false, records: count, brokenAt: r.seq, reason: 'record altered' };
      prev = hash;
      expectedSeq++;
      count++;
    }
    if (page.length < pageSize) return { ok: true, records: count };
  }
}
