/**
 * An existing PostgreSQL (15 or later) given by DATABASE_URL, through a
 * node-postgres pool. Every pooled connection starts as the application role
 * (startup option `-c role=…`), so a connection that cannot take that role
 * fails instead of silently running with the owner's rights.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { APP_ROLE, copyStatement, DataGeneration, type Db, type Queryable, type TxQueryable } from './types';

/** Oldest PostgreSQL the migrations are written for. */
export const MIN_PG_VERSION_NUM = 150000;

export class DatabaseVersionError extends Error {
  override name = 'DatabaseVersionError';
}

// Both drivers return a date as its ISO string and a bigint as a number (ids and counts stay far below 2^53).
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082) return (v: string) => v; // date
    if (oid === 20) return (v: string) => Number(v); // int8
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function wrap(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query(sql, params as unknown[]);
      return { rows: res.rows as R[] };
    },
  } as Queryable;
}

/** A single connection as the connecting (owning) user: for migrations only. */
export async function ownerClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, types });
  await c.connect();
  const { rows } = await c.query<{ n: string; v: string }>(
    "SELECT current_setting('server_version_num') AS n, current_setting('server_version') AS v",
  );
  if (Number(rows[0]?.n) < MIN_PG_VERSION_NUM) {
    await c.end();
    throw new DatabaseVersionError(
      `DATABASE_URL points at PostgreSQL ${rows[0]?.v}; Headroom needs PostgreSQL 15 or later.`,
    );
  }
  return c;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${APP_ROLE}`, types });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const { rows } = await pool.query<{ v: string }>('SELECT version() AS v');
  const generation = new DataGeneration();
  // One dedicated connection for LISTEN: notifications arrive on the session that listens.
  let listener: pg.Client | null = null;
  let closed = false;
  const handlers = new Map<string, Set<(p: string) => void>>();
  async function listenerClient(): Promise<pg.Client> {
    if (listener) return listener;
    const c = new pg.Client({ connectionString: url, options: `-c role=${APP_ROLE}`, types });
    c.on('notification', (n) => {
      for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
    });
    // A lost LISTEN connection misses other processes' notices: the generation stops being
    // trusted (and moves on) until a new connection listens again.
    const lost = () => {
      if (listener !== c || closed) return;
      listener = null;
      generation.listening = false;
      generation.bump();
      void c.end().catch(() => {});
      relistenLater(1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    await c.connect();
    listener = c;
    return c;
  }
  function relistenLater(ms: number) {
    const retry = setTimeout(() => {
      if (closed) return;
      void (async () => {
        const c = await listenerClient();
        for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
        generation.bump();
        generation.listening = true;
      })().catch(() => {
        listener = null;
        relistenLater(Math.min(ms * 2, 30_000));
      });
    }, ms);
    retry.unref();
  }
  return {
    kind: 'postgres',
    version: String(rows[0]?.v ?? '').replace(/ on .*$/, ''),
    generation,
    query: wrap(pool).query,
    async tx(fn) {
      const c = await pool.connect();
      let changed = false;
      try {
        await c.query('BEGIN');
        const q: TxQueryable = {
          changed: () => void (changed = true),
          ...wrap(c),
          async copyFrom(table, columns, source) {
            // pg-copy-streams: the chunks flow to the server as they come, with backpressure.
            const stream = c.query(copyFromStream(copyStatement(table, columns, 'STDIN')));
            await pipeline(Readable.from(source), stream);
            return stream.rowCount;
          },
        };
        const out = await fn(q);
        await c.query('COMMIT');
        if (changed) generation.bump();
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    async listen(channel, onPayload) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`Bad channel name ${channel}`);
      const c = await listenerClient();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        // A channel is an identifier, which LISTEN cannot take as a parameter; it is checked above.
        await c.query(`LISTEN ${channel}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async close() {
      closed = true;
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}
