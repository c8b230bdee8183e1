import { openEmbedded } from './embedded';
import { migrate } from './migrate';
import { openPostgres, ownerClient } from './postgres';
import { APP_ROLE, type Db } from './types';

export type { Db, Queryable, TxQueryable } from './types';

export interface DatabaseOptions {
  /** An existing PostgreSQL 15+; when absent the embedded one is used. */
  url?: string;
  /** Data folder of the embedded database; absent (with no url): in memory, for tests. */
  dataDir?: string;
  poolSize?: number;
}

/**
 * Opens the database, applies pending migrations as the connecting user, and
 * returns a handle whose queries run as the application role.
 */
export async function openDatabase(opts: DatabaseOptions): Promise<Db> {
  if (opts.url) {
    const owner = await ownerClient(opts.url);
    try {
      await migrate({
        query: (sql, params) => owner.query(sql, params as unknown[]),
        script: async (sql) => {
          await owner.query(sql);
        },
      });
    } finally {
      await owner.end();
    }
    return openPostgres(opts.url, opts.poolSize);
  }
  const db = (await openEmbedded(opts.dataDir)) as Db & { pglite: import('@electric-sql/pglite').PGlite };
  try {
    await migrate({
      query: (sql, params) => db.pglite.query(sql, params as unknown[]),
      script: async (sql) => {
        await db.pglite.exec(sql);
      },
    });
    // The one embedded connection runs as the application role from here on.
    await db.pglite.query(`SET ROLE ${APP_ROLE}`);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
