/**
 * The one database interface the server uses, over either driver: node-postgres
 * (a pool against a real PostgreSQL) or PGlite (embedded PostgreSQL in this
 * process). Every statement takes its values as parameters ($1, $2, …): no
 * value is ever spliced into SQL text.
 */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[] }>;
}

/** Identifiers COPY may name: constants of the server's code, never input. */
export const COPY_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** A connection inside a transaction: queries, plus COPY for bulk imports. */
export interface TxQueryable extends Queryable {
  /**
   * COPY `table` (`columns`) from `source`, a stream of COPY text-format
   * chunks (tab-separated, backslash escapes, one row a line); resolves with
   * the rows copied. Part of the caller's transaction.
   */
  copyFrom(table: string, columns: readonly string[], source: AsyncIterable<string>): Promise<number>;
}

export function copyStatement(table: string, columns: readonly string[], from: string): string {
  for (const id of [table, ...columns]) if (!COPY_IDENTIFIER.test(id)) throw new RangeError(`Bad identifier ${id}`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${from}`;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Human-readable server version, e.g. "PostgreSQL 18.3 (PGlite 0.5.8)". */
  readonly version: string;
  /** Runs `fn` in one transaction: all of it commits or none of it does. */
  tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel`; returns the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Role the application's queries run as (created by the migrations; see 001_initial.sql). */
export const APP_ROLE = 'headroom_app';
