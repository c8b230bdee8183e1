/**
 * What the team API's writes have in common, in the caller's transaction:
 * storing a keyed row (INSERT … ON CONFLICT DO UPDATE), the change's record in
 * the change history naming the signed-in person, and the change notice
 * (pg_notify: heard by every server process when the transaction commits, and
 * moving this process's data generation on — see server/http/readCache.ts).
 */
import { notify } from '../accounts';
import type { Queryable, TxQueryable } from '../db';
import { COPY_IDENTIFIER } from '../db/types';
import { appendHistory } from '../history/chain';
import { type SessionUser, who } from './auth';

export interface Change {
  action: string;
  entity: string;
  /** The history record's entityKey. */
  key: string;
  detail: Record<string, unknown>;
}

/** A change notice: what changed (entity and key) and, at most, its status — never the data. */
export type Notice = { entity: string; key: string } & Record<string, unknown>;

/** The change's history record, the signed-in person as "who". */
export async function recordHistory(q: Queryable, u: SessionUser, c: Change): Promise<void> {
  await appendHistory(q, {
    actorId: u.id,
    actor: who(u),
    action: c.action,
    entity: c.entity,
    entityKey: c.key,
    detail: c.detail,
  });
}

/**
 * Records a change: its history record and its notice — `{entity, key}` of
 * the change unless `notice` names something else.
 */
export async function recordChange(q: TxQueryable, u: SessionUser, c: Change, notice?: Notice): Promise<void> {
  await recordHistory(q, u, c);
  await notify(q, notice ?? { entity: c.entity, key: c.key });
}

/**
 * Inserts a row or, when its key is taken, sets the other columns (and
 * `updated_at = now()`). Table and column names are the server's constants,
 * never input; every value is a parameter.
 */
export async function upsert(
  q: Queryable,
  table: string,
  key: Record<string, unknown>,
  set: Record<string, unknown>,
): Promise<void> {
  const keyCols = Object.keys(key);
  const setCols = Object.keys(set);
  for (const id of [table, ...keyCols, ...setCols]) {
    if (!COPY_IDENTIFIER.test(id)) throw new RangeError(`Bad identifier ${id}`);
  }
  const cols = [...keyCols, ...setCols];
  await q.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${[...setCols.map((c) => `${c} = EXCLUDED.${c}`), 'updated_at = now()'].join(', ')}`,
    [...Object.values(key), ...Object.values(set)],
  );
}

/** Sets one key of the settings table to `value` (stored as JSON). */
export function upsertSetting(q: Queryable, key: string, value: unknown, userId: number | null): Promise<void> {
  return upsert(q, 'settings', { key }, { value: JSON.stringify(value), updated_by: userId });
}
