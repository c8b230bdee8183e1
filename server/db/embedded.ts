/**
 * Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) in a data
 * folder on disk, so team mode runs on a fresh machine with nothing else
 * installed. One connection per process: statements run one at a time.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { APP_ROLE, copyStatement, DataGeneration, type Db, type Queryable, type TxQueryable } from './types';

/** PostgreSQL major version of the pinned PGlite (0.5.8 embeds PostgreSQL 18). */
export const EMBEDDED_PG_MAJOR = '18';

export class DataFolderError extends Error {
  override name = 'DataFolderError';
}

/**
 * Refuses a data folder PGlite must not open: one written by another
 * PostgreSQL major version (its on-disk format differs; opening it would fail
 * obscurely or damage it), or one held by another running server.
 */
export function checkDataFolder(dir: string): void {
  const versionFile = join(dir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const major = readFileSync(versionFile, 'utf8').trim();
  if (major !== EMBEDDED_PG_MAJOR) {
    throw new DataFolderError(
      `The data folder ${resolve(dir)} was written by PostgreSQL ${major}; this Headroom embeds PostgreSQL ${EMBEDDED_PG_MAJOR} ` +
        `(PGlite) and cannot open it. Start the version that wrote it and back it up (npm run server -- backup FILE.sql, ` +
        `or pg_dump), then restore the dump into a new data folder or an existing PostgreSQL (DATABASE_URL).`,
    );
  }
}

const LOCK_FILE = 'headroom-server.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims the data folder for this process: two PGlite instances on one folder would corrupt it. */
function lockDataFolder(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
      throw new DataFolderError(
        `The data folder ${resolve(dir)} is in use by another Headroom server (process ${pid}). ` +
          `The embedded database allows one server per folder; stop it first.`,
      );
    }
  }
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

function wrap(q: { query: PGlite['query'] }): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<R>(sql, params as unknown[]);
      return { rows: res.rows };
    },
  } as Queryable;
}

/** Opens (creating when missing) the embedded database; `dir` undefined means in memory (tests). */
export async function openEmbedded(dir: string | undefined): Promise<Db> {
  let unlock = () => {};
  // The folder holds the cluster itself (PG_VERSION, base/, …) plus our lock file.
  if (dir) {
    mkdirSync(dir, { recursive: true });
    checkDataFolder(dir);
    unlock = lockDataFolder(dir);
  }
  let pg: PGlite;
  try {
    // A date stays its ISO string, as with node-postgres (see postgres.ts).
    pg = await PGlite.create(dir, { parsers: { 1082: (v: string) => v } });
  } catch (e) {
    unlock();
    throw e;
  }
  const version = String((await pg.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '');
  return embeddedHandle(pg, version, async () => {
    await pg.close();
    unlock();
  });
}

/**
 * A Db over an open PGlite. Each handle has its own data generation, as a
 * server process does: tests give two servers one embedded database this way.
 */
export function embeddedHandle(pg: PGlite, version: string, close: () => Promise<void>): Db & { pglite: PGlite } {
  const base = wrap(pg);
  const generation = new DataGeneration();
  return {
    kind: 'embedded',
    version: version.replace(/ on wasm32.*$/, ''),
    generation,
    query: base.query,
    async tx(fn) {
      let changed = false;
      const out = await pg.transaction((t) => {
        const q: TxQueryable = {
          ...wrap(t),
          changed: () => void (changed = true),
          async copyFrom(table, columns, source) {
            // PGlite reads COPY input from a Blob (its virtual /dev/blob): the chunks are
            // gathered as Blob parts. Reading a "file" needs more than the application
            // role may do, so the COPY alone runs as the owner; the role comes back at
            // once (and a failed transaction undoes the RESET anyway).
            const parts: string[] = [];
            for await (const chunk of source) parts.push(chunk);
            await t.query('RESET ROLE');
            const res = await t.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(parts) });
            await t.query(`SET ROLE ${APP_ROLE}`);
            return res.affectedRows ?? 0;
          },
        };
        return fn(q);
      });
      // Committed (a failure has thrown): the change is there for every later read.
      if (changed) generation.bump();
      return out;
    },
    async listen(channel, onPayload) {
      const stop = await pg.listen(channel, onPayload);
      return () => stop();
    },
    close,
    /** The PGlite handle, for the backup command (pg_dump in WebAssembly). */
    pglite: pg,
  };
}
