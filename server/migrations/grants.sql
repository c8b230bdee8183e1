-- Rights of the application role (headroom_app), applied after the migrations
-- at every start, so a database restored from a dump without privileges
-- (pg_dump --no-privileges, the embedded backup) gets them back.
-- A new table gets its line here in the same change as its migration.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO headroom_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, approvals, settings, commentary, register_agreements,
  change_requests, ledger_batches, ledger_rows, ledger_manual, ledger_daily, uncapped_resolutions, alerts,
  connected_config, open_items TO headroom_app;
-- Moving a local workspace in keeps its manual entries' ids; the identity then goes on after them (setval).
GRANT USAGE, SELECT, UPDATE ON SEQUENCE ledger_manual_id_seq TO headroom_app;
-- Append-only for the server: the history and the sign-in log (the triggers refuse it to everyone else too).
GRANT SELECT, INSERT ON login_events, change_history, classification_log TO headroom_app;
REVOKE UPDATE, DELETE, TRUNCATE ON login_events, change_history, classification_log FROM headroom_app;
GRANT SELECT ON schema_migrations TO headroom_app;
-- Pricing evidence (004_evidence.sql): orders, attachments (bytea), price checks.
GRANT SELECT, INSERT, UPDATE, DELETE ON evidence_orders, evidence_attachments, price_checks TO headroom_app;
-- An import's rows go into a table of their own, attached to ledger_rows as its partition (005_ledger_partitions.sql).
REVOKE ALL ON FUNCTION ledger_rows_new_partition(text), ledger_rows_attach_partition(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger_rows_new_partition(text), ledger_rows_attach_partition(text) TO headroom_app;
