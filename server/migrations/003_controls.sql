-- Controls in team mode: resolutions of uncapped transactions, the alert log,
-- connected persons and classification rules (through maker-checker), and
-- the open items of raw-ledger imports with their classification log.

-- A resolution of transactions with no cap in force (src/domain/uncapped.ts
-- UncappedResolution), one per category and range; the whole validated record.
CREATE TABLE uncapped_resolutions (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 400),
  document jsonb NOT NULL,
  recorded_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The alert log (src/domain/alerts/alertLog.ts AlertRecord). The id is the
-- once-per-category-period-and-state key: two browsers evaluating the same
-- alert log it once (the primary key refuses the second; the server skips it).
CREATE TABLE alerts (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 400),
  document jsonb NOT NULL,
  created_by integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The connected persons and classification rules in force (one document,
-- src/domain/classify/rulesFile.ts), written only when a change request of
-- kind 'rules' is checked by a second person.
CREATE TABLE connected_config (
  key text PRIMARY KEY CHECK (key = 'current'),
  config jsonb NOT NULL,
  proposed_by integer NOT NULL REFERENCES users (id),
  checked_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (checked_by <> proposed_by)
);

ALTER TABLE change_requests DROP CONSTRAINT change_requests_kind_check;
ALTER TABLE change_requests ADD CONSTRAINT change_requests_kind_check
  CHECK (kind IN ('approval', 'register', 'threshold', 'rules'));

-- Raw-ledger rows of a connected person that no rule classified
-- (src/storage/partiesTypes.ts OpenItemRecord), one per row.
CREATE TABLE open_items (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 400),
  document jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'assigned')),
  created_by integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX open_items_status ON open_items (status);

-- Every classification action (open items stored, assigned, rules re-applied).
CREATE TABLE classification_log (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL CHECK (action IN ('import', 'reapply-rules', 'assign')),
  items jsonb NOT NULL,
  detail text NOT NULL,
  actor_id integer NOT NULL REFERENCES users (id)
);
CREATE TRIGGER classification_log_append_only
  BEFORE UPDATE OR DELETE ON classification_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER classification_log_no_truncate
  BEFORE TRUNCATE ON classification_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
