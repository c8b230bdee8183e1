-- The imported rows, one partition per import batch (issue 13: COPY of a
-- million rows within 3 s). Into one shared table with its (batch_id,
-- row_number) index, COPY paid one index insertion, WAL-logged, per row: about
-- two thirds of the time of a million-row import. An import now writes into a
-- table of its own with no index, builds the index in one sorted pass, and
-- attaches the table to ledger_rows in the same transaction (all or nothing as
-- before). Reads and deletes go through ledger_rows unchanged; the planner only
-- visits the partitions a query's batch_id names.

ALTER TABLE ledger_rows RENAME TO ledger_rows_unpartitioned;
ALTER INDEX ledger_rows_batch RENAME TO ledger_rows_unpartitioned_batch;

CREATE TABLE ledger_rows (
  batch_id text NOT NULL,
  row_number integer NOT NULL,
  day integer NOT NULL,
  category_id text NOT NULL,
  amount_minor bigint NOT NULL,
  reference text NOT NULL,
  description text NOT NULL
) PARTITION BY LIST (batch_id);
CREATE INDEX ledger_rows_batch ON ledger_rows (batch_id, row_number);

-- A batch's table, empty and without an index, for COPY. Runs with the owner's
-- rights (the application role may not create or attach tables); the name is
-- derived from the batch id, which must have the batches' own form.
CREATE FUNCTION ledger_rows_new_partition(p_batch text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t text := 'ledger_rows_' || md5(p_batch);
BEGIN
  IF p_batch !~ '^b-[a-z0-9-]{1,60}$' THEN
    RAISE EXCEPTION 'not a batch id: %', p_batch;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM ledger_batches WHERE id = p_batch) THEN
    RAISE EXCEPTION 'no batch %', p_batch;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE ledger_rows)', t);
  EXECUTE format('GRANT SELECT, INSERT, DELETE ON %I TO headroom_app', t);
  RETURN t;
END $$;

-- Indexes the batch's table in one pass and makes it the batch's partition.
CREATE FUNCTION ledger_rows_attach_partition(p_batch text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t text := 'ledger_rows_' || md5(p_batch);
BEGIN
  EXECUTE format('CREATE INDEX %I ON %I (batch_id, row_number)', t || '_batch', t);
  EXECUTE format('ALTER TABLE ledger_rows ATTACH PARTITION %I FOR VALUES IN (%L)', t, p_batch);
END $$;

-- Rows already stored move to their batches' partitions.
DO $$
DECLARE
  b text;
BEGIN
  FOR b IN SELECT DISTINCT batch_id FROM ledger_rows_unpartitioned LOOP
    EXECUTE format(
      'INSERT INTO %I SELECT * FROM ledger_rows_unpartitioned WHERE batch_id = %L',
      ledger_rows_new_partition(b), b);
    PERFORM ledger_rows_attach_partition(b);
  END LOOP;
END $$;
DROP TABLE ledger_rows_unpartitioned;
