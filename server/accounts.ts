/** Creating and changing accounts (admin API and the create-admin command). */
import type { Db, Queryable, TxQueryable } from './db';
import { hashPassword, passwordProblem } from './auth/passwords';
import { appendHistory } from './history/chain';
import type { Role } from './http/auth';
import { englishOf, type Refusal } from './http/errors';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  expiresOn: string | null;
}

export class AccountError extends Error {
  constructor(
    readonly code: 'weak-password' | 'username-taken',
    /** Its wording (src/ui/messages/apiRefusals.ts); the message is the English text. */
    readonly refusal: Refusal,
  ) {
    super(englishOf(refusal));
    this.name = 'AccountError';
  }
}

export interface Actor {
  id: number | null;
  name: string;
}

/** Creates an account and records it in the change history (never the password or its hash). */
export async function createUser(db: Db, u: NewUser, by: Actor, passwordCostLog2?: number): Promise<number> {
  const problem = passwordProblem(u.password);
  if (problem) throw new AccountError('weak-password', { key: problem, params: {} });
  const hash = await hashPassword(u.password, passwordCostLog2);
  const roles = [...new Set(u.roles)].sort();
  return db.tx(async (q) => {
    const taken = await q.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [u.username]);
    if (taken.rows.length)
      throw new AccountError('username-taken', { key: 'username-taken', params: { username: u.username } });
    const { rows } = await q.query<{ id: number }>(
      `INSERT INTO users (username, display_name, password_hash, roles, expires_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [u.username, u.displayName, hash, roles, u.expiresOn, by.id],
    );
    const id = rows[0]!.id;
    await appendHistory(q, {
      actorId: by.id,
      actor: by.name,
      action: 'create',
      entity: 'user',
      entityKey: String(id),
      detail: { username: u.username, displayName: u.displayName, roles, expiresOn: u.expiresOn },
    });
    await notify(q, { entity: 'user', key: String(id) });
    return id;
  });
}

/** Whether any admin account exists (the first is made from the command line). */
export async function hasAdmin(db: Queryable): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM users WHERE 'admin' = ANY(roles) LIMIT 1");
  return rows.length > 0;
}

/** Channel every change is announced on (delivered to listeners when the transaction commits). */
export const CHANGES_CHANNEL = 'headroom_changes';

/**
 * Announces a change, inside the transaction that makes it: listeners hear it
 * when it commits, and this process's data generation moves on at the commit
 * (so no response computed before it is reused: server/http/readCache.ts).
 */
export async function notify(q: TxQueryable, payload: Record<string, unknown>): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(payload)]);
  q.changed();
}
