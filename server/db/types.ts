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

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Human-readable server version, e.g. "PostgreSQL 18.3 (PGlite 0.5.8)". */
  readonly version: string;
  /** Runs `fn` in one transaction: all of it commits or none of it does. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel`; returns the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Role the application's queries run as (created by the migrations; see 001_initial.sql). */
export const APP_ROLE = 'headroom_app';
