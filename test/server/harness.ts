/**
 * One database per test file: an in-memory PGlite, or, when DATABASE_URL is
 * set (.ci/run), a fresh database on that PostgreSQL, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createUser } from '../../server/accounts';
import { type Db, openDatabase, type Queryable } from '../../server/db';
import { embeddedHandle } from '../../server/db/embedded';
import { APP_ROLE } from '../../server/db/types';
import { buildApp } from '../../server/http/app';
import type { AuthOptions, Role } from '../../server/http/auth';

export interface Harness {
  app: FastifyInstance;
  db: Db;
  /** Runs `fn` as the database owner (not the application role). */
  asOwner<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  addUser(username: string, roles: Role[], opts?: { expiresOn?: string | null; displayName?: string }): Promise<number>;
  /**
   * A second server on the same database, as a second process would be: its own
   * connections (its own PGlite handle on the embedded one) and its own data
   * generation, hearing the first one's changes only through LISTEN/NOTIFY.
   */
  secondServer(): Promise<{ app: FastifyInstance; db: Db; close(): Promise<void> }>;
  /** Another handle on the same database (own connections and data generation), nothing listening. */
  secondDb(): Promise<Db>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery staple';
/** scrypt cost for tests (2^10): the production cost (2^17) would make each sign-in slow on a shared machine. */
const TEST_COST = 10;

export async function startHarness(
  auth: Partial<AuthOptions> = {},
  distDir?: string,
  eventsHeartbeatMs?: number,
): Promise<Harness> {
  const adminUrl = process.env.DATABASE_URL;
  let db: Db;
  let dropDb = async () => {};
  let ownerUrl: string | null = null;
  if (adminUrl) {
    const name = `headroom_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    // A database name is an identifier; this one is ours (hex), never input.
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    ownerUrl = url.toString();
    db = await openDatabase({ url: ownerUrl, poolSize: 4 });
    dropDb = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    db = await openDatabase({});
  }
  const app = await buildApp({ db, passwordCostLog2: TEST_COST, auth, distDir, eventsHeartbeatMs });
  await app.ready();
  const secondDb = async (): Promise<Db> =>
    ownerUrl
      ? openDatabase({ url: ownerUrl, poolSize: 4 })
      : embeddedHandle(
          (db as Db & { pglite: import('@electric-sql/pglite').PGlite }).pglite,
          db.version,
          async () => {},
        );
  return {
    app,
    db,
    async asOwner(fn) {
      if (ownerUrl) {
        const c = new pg.Client({ connectionString: ownerUrl });
        await c.connect();
        try {
          return await fn({ query: async (sql, params) => ({ rows: (await c.query(sql, params as unknown[])).rows }) });
        } finally {
          await c.end();
        }
      }
      const pglite = (db as Db & { pglite: import('@electric-sql/pglite').PGlite }).pglite;
      await pglite.query('RESET ROLE');
      try {
        return await fn(db);
      } finally {
        await pglite.query(`SET ROLE ${APP_ROLE}`);
      }
    },
    secondDb,
    async secondServer() {
      const db2 = await secondDb();
      const app2 = await buildApp({ db: db2, passwordCostLog2: TEST_COST, auth, distDir, eventsHeartbeatMs });
      await app2.ready();
      return {
        app: app2,
        db: db2,
        async close() {
          await app2.close();
          await db2.close();
        },
      };
    },
    addUser(username, roles, opts = {}) {
      return createUser(
        db,
        {
          username,
          displayName: opts.displayName ?? username,
          password: PASSWORD,
          roles,
          expiresOn: opts.expiresOn ?? null,
        },
        { id: null, name: 'test setup' },
        TEST_COST,
      );
    },
    async close() {
      await app.close();
      await db.close();
      await dropDb();
    },
  };
}

/** A browser stand-in: keeps the session cookie and CSRF token like the app will. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async login(username: string, password = PASSWORD) {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password },
      remoteAddress: this.ip,
    });
    if (res.statusCode === 200) {
      const set = res.headers['set-cookie'];
      this.cookie = String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
      this.csrf = res.json().csrfToken;
    }
    return res;
  }

  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    o: { csrf?: boolean } = {},
  ) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && o.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    return this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }
  get(url: string) {
    return this.request('GET', url);
  }
  /** Sends a file as the raw request body (the streaming import). */
  upload(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'content-type': 'text/csv', ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    return this.app.inject({ method: 'POST', url, headers: h, remoteAddress: this.ip, payload: body });
  }
}

/** Signs in a new client as `username`, failing the test if that does not work. */
export async function signedIn(h: Harness, username: string, ip?: string): Promise<Client> {
  const c = new Client(h.app, ip);
  const res = await c.login(username);
  if (res.statusCode !== 200) throw new Error(`Sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return c;
}
