/**
 * Schema migrations: the ordered SQL files of server/migrations, each applied
 * once and recorded (with its SHA-256) in schema_migrations, in the same
 * transaction as the migration itself.
 *
 * Why a small runner and not a migration tool: the tools that run on both
 * drivers through a driver-neutral callback (postgrator) record a migration in
 * a separate statement after it ran and build their bookkeeping SQL by string
 * interpolation; the others (node-pg-migrate, drizzle-kit) are bound to one
 * driver each. Forty lines give us: all pending migrations in one transaction
 * (a failure leaves the schema as it was), an advisory lock so two servers
 * starting together never migrate twice, a checksum check so an edited old
 * migration is refused, and parameters for every value. The application
 * role's rights (grants.sql) are re-applied on every run, in the same
 * transaction.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ROLE } from './types';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/** A single connection as the database owner: parameterised queries plus multi-statement scripts. */
export interface OwnerConnection {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Runs a script of several statements (no parameters): migration files only. */
  script(sql: string): Promise<void>;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return {
        version: Number(f.slice(0, 3)),
        name: f.slice(4, -4),
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Creates the application role when missing and lets the connecting user act
 * as it. Roles belong to the whole cluster, not one database, so this runs
 * outside the per-database migrations; a concurrent creator (another database
 * of the same cluster migrating at the same moment) is retried.
 */
export async function ensureAppRole(c: OwnerConnection): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const v = await c.query("SELECT current_setting('server_version_num')::int AS n");
      // PostgreSQL 16 split membership from the right to SET ROLE; 15 only knows MEMBER.
      const right = Number(v.rows[0]?.n) >= 160000 ? 'SET' : 'MEMBER';
      const { rows } = await c.query(
        `SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1) AS exists,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                pg_has_role(current_user, (SELECT oid FROM pg_roles WHERE rolname = $1), $2) AS can_set`,
        [APP_ROLE, right],
      );
      const r = rows[0] ?? {};
      // CREATE ROLE and GRANT take identifiers, never parameters: APP_ROLE is a constant.
      if (!r.exists) await c.query(`CREATE ROLE ${APP_ROLE} NOLOGIN`);
      if (!r.superuser && !r.can_set) await c.query(`GRANT ${APP_ROLE} TO CURRENT_USER`);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt < 3 && (code === '23505' || code === '42710' || code === 'XX000')) continue;
      if (code === '42501') {
        throw new MigrationError(
          `The database user cannot create the role ${APP_ROLE} the server runs as. Ask the database administrator to run ` +
            `"CREATE ROLE ${APP_ROLE} NOLOGIN; GRANT ${APP_ROLE} TO <the DATABASE_URL user>;" once, then start again.`,
        );
      }
      throw e;
    }
  }
}

/** Applies every pending migration in one transaction; returns the versions applied. */
export async function migrate(c: OwnerConnection, migrations = loadMigrations()): Promise<number[]> {
  await ensureAppRole(c);
  await c.query('BEGIN');
  try {
    // Any constant serves; it only has to be the same for every Headroom server on this database.
    await c.query('SELECT pg_advisory_xact_lock($1)', [4180_0013]);
    await c.script(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      sha256 text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await c.query('SELECT version, name, sha256 FROM schema_migrations ORDER BY version');
    const applied = new Map(rows.map((r) => [Number(r.version), r]));
    const known = new Set(migrations.map((m) => m.version));
    for (const [version, r] of applied) {
      const m = migrations.find((x) => x.version === version);
      if (!m && !known.has(version)) {
        throw new MigrationError(
          `The database has migration ${version} (${String(r.name)}), which this Headroom does not know: it was written by a newer version.`,
        );
      }
      if (m && m.sha256 !== r.sha256) {
        throw new MigrationError(
          `Migration ${version} (${m.name}) was changed after it was applied; add a new migration instead.`,
        );
      }
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await c.script(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.sha256,
      ]);
      done.push(m.version);
    }
    await c.script(readFileSync(join(MIGRATIONS_DIR, 'grants.sql'), 'utf8'));
    await c.query('COMMIT');
    return done;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
