/**
 * Sign-in, sessions, CSRF and roles.
 *
 * - A session is a random 256-bit token in an httpOnly, SameSite=Strict cookie
 *   (Secure behind TLS) with an absolute expiry; the database keeps only its
 *   SHA-256.
 * - Every write needs the session's CSRF token in the X-CSRF-Token header
 *   (a synchronizer token, handed out at sign-in and by GET /api/session);
 *   only JSON bodies are accepted, so a cross-site form cannot even reach a
 *   handler.
 * - Failed sign-ins slow the next attempt per account and per IP address,
 *   counted from the login_events table (so it holds across restarts and
 *   several servers); every attempt is logged there.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import type { Db } from '../db';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { parse, refuse } from './errors';

export const ROLES = ['admin', 'preparer', 'reviewer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const SESSION_COOKIE = 'headroom_session';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  expiresOn: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    csrfToken: string | null;
    /** SHA-256 of the session token, to re-check the session later (event streams). */
    sessionHash: string | null;
  }
}

export interface AuthOptions {
  sessionHours: number;
  secureCookies: boolean;
  /** Failures per account before each further attempt waits (doubling from `baseDelaySeconds`). */
  accountFailures: number;
  ipFailures: number;
  baseDelaySeconds: number;
  /** How far back failures count. */
  windowMinutes: number;
}

export const DEFAULT_AUTH: AuthOptions = {
  sessionHours: 12,
  secureCookies: false,
  accountFailures: 5,
  ipFailures: 20,
  baseDelaySeconds: 30,
  windowMinutes: 15,
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** "Display Name (username)": how the change history names a person. */
export function who(u: SessionUser): string {
  return `${u.displayName} (${u.username})`;
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw refuse(401, 'no-session', 'no-session', {});
  return req.user;
}

export function requireRole(req: FastifyRequest, ...roles: Role[]): SessionUser {
  const u = requireUser(req);
  if (!roles.some((r) => u.roles.includes(r))) {
    throw refuse(403, 'forbidden', 'forbidden', { roles });
  }
  return u;
}

const loginBody = v.strictObject({
  username: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
});

/** Seconds the next attempt must wait after `failures` recent failures, the last at `lastAt`. */
export function waitSeconds(failures: number, limit: number, lastAt: Date, now: Date, o: AuthOptions): number {
  if (failures < limit) return 0;
  const delay = Math.min(15 * 60, o.baseDelaySeconds * 2 ** (failures - limit));
  return Math.max(0, Math.ceil((lastAt.getTime() + delay * 1000 - now.getTime()) / 1000));
}

// Failures are counted since the account's last success (a correct sign-in clears them).
const FAILED = ['bad-password', 'unknown-user', 'expired', 'disabled'];

async function throttle(db: Db, username: string, ip: string, o: AuthOptions): Promise<number> {
  const { rows } = await db.query<{
    acc_n: number;
    acc_last: Date | null;
    ip_n: number;
    ip_last: Date | null;
    now: Date;
  }>(
    `WITH acc AS (
       SELECT count(*)::int AS n, max(at) AS last FROM login_events
       WHERE lower(username) = lower($1) AND outcome = ANY($3::text[])
         AND at > now() - make_interval(mins => $4)
         AND at > coalesce((SELECT max(at) FROM login_events WHERE lower(username) = lower($1) AND outcome = 'success'), '-infinity')
     ), byip AS (
       SELECT count(*)::int AS n, max(at) AS last FROM login_events
       WHERE ip = $2 AND outcome = ANY($3::text[]) AND at > now() - make_interval(mins => $4)
     )
     SELECT acc.n AS acc_n, acc.last AS acc_last, byip.n AS ip_n, byip.last AS ip_last, now() AS now FROM acc, byip`,
    [username, ip, FAILED, o.windowMinutes],
  );
  const r = rows[0]!;
  const now = new Date(r.now);
  return Math.max(
    r.acc_last ? waitSeconds(r.acc_n, o.accountFailures, new Date(r.acc_last), now, o) : 0,
    r.ip_last ? waitSeconds(r.ip_n, o.ipFailures, new Date(r.ip_last), now, o) : 0,
  );
}

async function logAttempt(db: Db, username: string, userId: number | null, ip: string, outcome: string) {
  await db.query('INSERT INTO login_events (username, user_id, ip, outcome) VALUES ($1, $2, $3, $4)', [
    username,
    userId,
    ip,
    outcome,
  ]);
}

// Unknown names still cost one scrypt, so response time does not tell which accounts exist.
let dummyHash: Promise<string> | null = null;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance, db: Db, o: AuthOptions, passwordCostLog2: number): void {
  app.decorateRequest('user', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionHash', null);

  app.addHook('preHandler', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) {
      const { rows } = await db.query<{
        id: number;
        username: string;
        display_name: string;
        roles: Role[];
        expires_on: string | null;
        csrf_token: string;
      }>(
        `SELECT u.id, u.username, u.display_name, u.roles, u.expires_on, s.csrf_token
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled
           AND (u.expires_on IS NULL OR u.expires_on >= current_date)`,
        [sha256(token)],
      );
      const r = rows[0];
      if (r) {
        req.user = {
          id: r.id,
          username: r.username,
          displayName: r.display_name,
          roles: r.roles,
          expiresOn: r.expires_on,
        };
        req.csrfToken = r.csrf_token;
        req.sessionHash = sha256(token);
      }
    }
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
    if (write && req.url.startsWith('/api/') && req.url !== '/api/login') {
      // No session: the route answers 401 itself; a session without the right token is refused here.
      if (req.user) {
        const sent = req.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameToken(sent, req.csrfToken ?? '')) {
          throw refuse(403, 'csrf', 'csrf', {});
        }
      }
    }
  });

  app.post('/api/login', async (req, reply) => {
    const body = parse(loginBody, req.body, 'sign-in');
    const ip = req.ip;
    const wait = await throttle(db, body.username, ip, o);
    if (wait > 0) {
      await logAttempt(db, body.username, null, ip, 'throttled');
      reply.header('retry-after', String(wait));
      throw refuse(429, 'too-many-attempts', 'too-many-attempts', { wait }, { retryAfterSeconds: wait });
    }
    const { rows } = await db.query<{
      id: number;
      username: string;
      display_name: string;
      password_hash: string;
      roles: Role[];
      expires_on: string | null;
      disabled: boolean;
      expired: boolean;
    }>(
      `SELECT id, username, display_name, password_hash, roles, expires_on, disabled,
              (expires_on IS NOT NULL AND expires_on < current_date) AS expired
       FROM users WHERE lower(username) = lower($1)`,
      [body.username],
    );
    const u = rows[0];
    if (!u) dummyHash ??= hashPassword('not a password of anyone', passwordCostLog2);
    const ok = await verifyPassword(body.password, u ? u.password_hash : await dummyHash!);
    const outcome = !u
      ? 'unknown-user'
      : !ok
        ? 'bad-password'
        : u.disabled
          ? 'disabled'
          : u.expired
            ? 'expired'
            : 'success';
    await logAttempt(db, body.username, u?.id ?? null, ip, outcome);
    if (outcome !== 'success' || !u) {
      // One message for every failure: it must not tell which accounts exist.
      throw refuse(401, 'bad-credentials', 'bad-credentials', {});
    }
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
      [sha256(token), u.id, csrf, o.sessionHours],
    );
    // Expired sessions of this person go; others' are swept by the periodic cleanup.
    await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()', [u.id]);
    setSessionCookie(reply, token, o);
    return {
      user: { id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, expiresOn: u.expires_on },
      csrfToken: csrf,
    };
  });

  app.post('/api/logout', async (req, reply) => {
    const u = requireUser(req);
    const token = req.cookies[SESSION_COOKIE]!;
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
    await logAttempt(db, u.username, u.id, req.ip, 'logout');
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/session', async (req) => {
    const u = requireUser(req);
    return { user: u, csrfToken: req.csrfToken };
  });
}

function setSessionCookie(reply: FastifyReply, token: string, o: AuthOptions) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: o.secureCookies,
    path: '/',
    maxAge: o.sessionHours * 3600,
  });
}
