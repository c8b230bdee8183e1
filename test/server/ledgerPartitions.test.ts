/**
 * Migration 005 moves the stored import rows into one partition per batch
 * (the embedded PostgreSQL, the migration's own SQL on a database written by
 * the migrations before it), and an import's table is attached as its batch's
 * partition only through the owner's functions.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../server/db/migrate';

describe('ledger rows partitioned by batch (005_ledger_partitions)', () => {
  const pg = new PGlite();
  afterAll(() => pg.close());

  it('moves the rows already stored, batch by batch, and keeps their order and figures', async () => {
    await pg.exec('CREATE ROLE headroom_app NOLOGIN');
    const migrations = loadMigrations();
    for (const m of migrations.filter((x) => x.version < 5)) await pg.exec(m.sql);
    await pg.exec(`
      INSERT INTO users (username, display_name, password_hash, roles) VALUES ('ann', 'Ann', 'x', ARRAY['preparer']);
      INSERT INTO ledger_batches (id, file_name, file_sha256, format, row_count, total_minor, imported_by)
        VALUES ('b-one', 'one.csv', repeat('a', 64), 'csv', 2, 300, 1), ('b-two', 'two.csv', repeat('b', 64), 'csv', 1, 5, 1);
      INSERT INTO ledger_rows VALUES
        ('b-one', 3, 20600, 'cloud-services', 200, 'INV-2', 'second'),
        ('b-one', 2, 20600, 'cloud-services', 100, 'INV-1', 'first'),
        ('b-two', 2, 20601, 'idc-services', 5, 'X''; DROP TABLE ledger_rows; --', 'quote');
    `);
    await pg.exec(migrations.find((x) => x.version === 5)!.sql);

    const rows = await pg.query<{ batch_id: string; row_number: number; amount_minor: number; reference: string }>(
      'SELECT batch_id, row_number, amount_minor::int AS amount_minor, reference FROM ledger_rows ORDER BY batch_id, row_number',
    );
    expect(rows.rows).toEqual([
      { batch_id: 'b-one', row_number: 2, amount_minor: 100, reference: 'INV-1' },
      { batch_id: 'b-one', row_number: 3, amount_minor: 200, reference: 'INV-2' },
      { batch_id: 'b-two', row_number: 2, amount_minor: 5, reference: "X'; DROP TABLE ledger_rows; --" },
    ]);
    const parts = await pg.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'ledger_rows'::regclass",
    );
    expect(parts.rows[0]!.n).toBe(2);
    const old = await pg.query<{ t: string | null }>("SELECT to_regclass('ledger_rows_unpartitioned')::text AS t");
    expect(old.rows[0]!.t).toBeNull();
    // A row of a batch with no partition has nowhere to go: an import writes only through its own table.
    await expect(
      pg.query("INSERT INTO ledger_rows VALUES ('b-three', 2, 20600, 'cloud-services', 1, 'r', 'd')"),
    ).rejects.toThrow(/no partition/);
  });

  it('makes a partition only for a batch that exists, with the batch id in its form', async () => {
    await expect(pg.query("SELECT ledger_rows_new_partition('b-nope')")).rejects.toThrow(/no batch b-nope/);
    await expect(pg.query("SELECT ledger_rows_new_partition('x; DROP TABLE users')")).rejects.toThrow(/not a batch id/);
    await pg.exec(`INSERT INTO ledger_batches (id, file_name, file_sha256, format, row_count, total_minor, imported_by)
      VALUES ('b-three', 'three.csv', repeat('c', 64), 'csv', 1, 7, 1)`);
    const t = (await pg.query<{ t: string }>("SELECT ledger_rows_new_partition('b-three') AS t")).rows[0]!.t;
    expect(t).toMatch(/^ledger_rows_[0-9a-f]{32}$/);
    await pg.exec(`INSERT INTO ${t} VALUES ('b-three', 2, 20602, 'api-services', 7, 'A-1', 'api')`);
    await pg.query("SELECT ledger_rows_attach_partition('b-three')");
    const n = await pg.query<{ n: number }>("SELECT count(*)::int AS n FROM ledger_rows WHERE batch_id = 'b-three'");
    expect(n.rows[0]!.n).toBe(1);
  });
});
