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
  /**
   * Marks the transaction as changing the data (notify() calls it with the
   * change notice): once it commits, the handle's data generation moves on.
   */
  changed(): void;
}

/**
 * Counts the changes to the data this server process knows of: bumped
 * synchronously right after each of its own transactions that changed data
 * commits (before the write is answered), and on every change notice
 * (LISTEN/NOTIFY) from any server process. A response computed from the data
 * may be reused while the generation it was computed under is current
 * (server/http/readCache.ts).
 *
 * `listening` is false while the notices of other processes cannot be heard
 * (the LISTEN connection is lost): nothing may be reused then.
 */
export class DataGeneration {
  #value = 0;
  listening = true;
  get value(): number {
    return this.#value;
  }
  bump(): void {
    this.#value++;
  }
}

export function copyStatement(table: string, columns: readonly string[], from: string): string {
  for (const id of [table, ...columns]) if (!COPY_IDENTIFIER.test(id)) throw new RangeError(`Bad identifier ${id}`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${from}`;
}

export interface Db extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Human-readable server version, e.g. "PostgreSQL 18.3 (PGlite 0.5.8)". */
  readonly version: string;
  /** The data generation of this handle (see DataGeneration). */
  readonly generation: DataGeneration;
  /** Runs `fn` in one transaction: all of it commits or none of it does. */
  tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel`; returns the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Role the application's queries run as (created by the migrations; see 001_initial.sql). */
export const APP_ROLE = 'headroom_app';
