/** Account administration (admin role). */
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { AccountError, createUser, notify } from '../accounts';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { Db } from '../db';
import { appendHistory } from '../history/chain';
import { requireRole, ROLES, who } from './auth';
import { idParam, isoDate, parse, refuse, refuseWith } from './errors';

const roles = v.pipe(v.array(v.picklist(ROLES)), v.minLength(1, 'at least one role'), v.maxLength(4));

const newUser = v.strictObject({
  username: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - (at most 64)')),
  displayName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  password: v.pipe(v.string(), v.maxLength(256)),
  roles,
  expiresOn: v.optional(v.nullable(isoDate), null),
});

const userPatch = v.strictObject({
  roles: v.optional(roles),
  expiresOn: v.optional(v.nullable(isoDate)),
  disabled: v.optional(v.boolean()),
  displayName: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  /** A new password (the person's sessions end). */
  password: v.optional(v.pipe(v.string(), v.maxLength(256))),
});

export function registerUsers(app: FastifyInstance, db: Db, passwordCostLog2: number): void {
  app.get('/api/users', async (req) => {
    requireRole(req, 'admin');
    const { rows } = await db.query(
      `SELECT id, username, display_name AS "displayName", roles, expires_on AS "expiresOn", disabled,
              created_at AS "createdAt"
       FROM users ORDER BY id`,
    );
    return { users: rows };
  });

  app.post('/api/users', async (req, reply) => {
    const admin = requireRole(req, 'admin');
    const body = parse(newUser, req.body, 'account');
    try {
      const id = await createUser(db, body, { id: admin.id, name: who(admin) }, passwordCostLog2);
      reply.code(201);
      return { id };
    } catch (e) {
      if (e instanceof AccountError) throw refuseWith(e.code === 'username-taken' ? 409 : 400, e.code, e.refusal);
      throw e;
    }
  });

  app.patch('/api/users/:id', async (req) => {
    const admin = requireRole(req, 'admin');
    const id = parse(idParam, (req.params as { id: string }).id, 'account id');
    const patch = parse(userPatch, req.body, 'account change');
    if (id === admin.id && (patch.disabled || (patch.roles && !patch.roles.includes('admin')))) {
      throw refuse(409, 'last-admin-guard', 'last-admin-guard', {});
    }
    let hash: string | null = null;
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) throw refuse(400, 'weak-password', problem, {});
      hash = await hashPassword(patch.password, passwordCostLog2);
    }
    return db.tx(async (q) => {
      const cur = await q.query(
        'SELECT roles, expires_on, disabled, display_name FROM users WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!cur.rows[0]) throw refuse(404, 'not-found', 'no-account', { id });
      await q.query(
        `UPDATE users SET roles = coalesce($2, roles),
           expires_on = CASE WHEN $3 THEN $4::date ELSE expires_on END,
           disabled = coalesce($5, disabled), display_name = coalesce($6, display_name),
           password_hash = coalesce($7, password_hash)
         WHERE id = $1`,
        [
          id,
          patch.roles ? [...new Set(patch.roles)].sort() : null,
          patch.expiresOn !== undefined,
          patch.expiresOn ?? null,
          patch.disabled ?? null,
          patch.displayName ?? null,
          hash,
        ],
      );
      // A closed account's sessions end now, and so do they all with a new password.
      if (patch.disabled || hash) await q.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await appendHistory(q, {
        actorId: admin.id,
        actor: who(admin),
        action: 'update',
        entity: 'user',
        entityKey: String(id),
        // Never the password, nor its hash: only that it changed.
        detail: {
          before: cur.rows[0],
          change: { ...patch, password: patch.password === undefined ? undefined : 'changed' },
        },
      });
      await notify(q, { entity: 'user', key: String(id) });
      return { ok: true };
    });
  });

  app.get('/api/login-events', async (req) => {
    requireRole(req, 'admin');
    const { rows } = await db.query(
      'SELECT id, at, username, user_id AS "userId", ip, outcome FROM login_events ORDER BY id DESC LIMIT 500',
    );
    return { events: rows };
  });
}
