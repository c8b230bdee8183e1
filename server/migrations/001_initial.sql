-- Headroom team mode, first schema. Written for PostgreSQL 15 so the embedded
-- PGlite (PostgreSQL 18) and an existing PostgreSQL 15+ run the same file.
-- The server runs as the role headroom_app (created by the migration runner):
-- it gets only the rights below; the tables belong to the migrating user.

-- Accounts. A person may hold several roles; an auditor's account may expire.
CREATE TABLE users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  roles text[] NOT NULL CHECK (
    cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'preparer', 'reviewer', 'viewer']::text[]
  ),
  -- Last day the account may sign in (inclusive); null: no end.
  expires_on date,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by integer REFERENCES users (id)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- Sessions. The cookie carries a random token; only its SHA-256 is stored, so a
-- copy of this table opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every sign-in attempt, successful or not (append-only for the server).
CREATE TABLE login_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text NOT NULL,
  user_id integer REFERENCES users (id),
  ip text NOT NULL,
  outcome text NOT NULL CHECK (
    outcome IN ('success', 'bad-password', 'unknown-user', 'expired', 'disabled', 'throttled', 'logout')
  )
);
CREATE INDEX login_events_username ON login_events (lower(username), at);
CREATE INDEX login_events_ip ON login_events (ip, at);

-- Shareholders' votes (src/domain/model.ts ApprovalRecord), in force once checked.
CREATE TABLE approvals (
  resolution_id text PRIMARY KEY,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'rejected')),
  date date NOT NULL,
  recorded_by integer NOT NULL REFERENCES users (id),
  checked_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (checked_by <> recorded_by)
);

-- Settings by key (thresholdPercent: a decimal string, as in src/storage/settings.ts).
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Commentary per category and report date (src/storage/commentary.ts).
CREATE TABLE commentary (
  category_id text NOT NULL,
  as_of date NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  updated_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (category_id, as_of)
);

-- Cap register: one whole validated agreement document per row (src/domain/register.ts).
CREATE TABLE register_agreements (
  id text PRIMARY KEY,
  position integer NOT NULL,
  document jsonb NOT NULL,
  updated_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Maker-checker: a change to approvals, the register or thresholds waits here
-- until a second person checks it. The database itself refuses a self-check.
CREATE TABLE change_requests (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('approval', 'register', 'threshold')),
  target text NOT NULL,
  payload jsonb NOT NULL,
  proposed_by integer NOT NULL REFERENCES users (id),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected')),
  checked_by integer REFERENCES users (id),
  checked_at timestamptz,
  note text CHECK (length(note) <= 2000),
  CHECK (checked_by IS NULL OR checked_by <> proposed_by),
  CHECK ((status = 'pending') = (checked_by IS NULL))
);
-- One pending change per thing at a time: a second would be checked against a state that is about to change.
CREATE UNIQUE INDEX change_requests_one_pending ON change_requests (kind, target) WHERE status = 'pending';

-- Change history: append-only, each record chained to the one before by SHA-256
-- (hash = SHA-256 of the canonical JSON of the record with prev_hash).
CREATE TABLE change_history (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  at timestamptz NOT NULL,
  actor_id integer REFERENCES users (id),
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_key text NOT NULL,
  detail jsonb NOT NULL,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- The database itself says no to rewriting history, whoever asks (a trigger
-- binds the table's owner and superusers too, unlike a revoked privilege).
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'change history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER change_history_append_only
  BEFORE UPDATE OR DELETE ON change_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER change_history_no_truncate
  BEFORE TRUNCATE ON change_history
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER login_events_append_only
  BEFORE UPDATE OR DELETE ON login_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();
CREATE TRIGGER login_events_no_truncate
  BEFORE TRUNCATE ON login_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite();

-- The application role's rights are in grants.sql, applied after every migration run.
