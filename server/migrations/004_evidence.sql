-- Pricing evidence of section IV(i) in team mode (src/domain/evidence/pricing.ts):
-- purchase orders with their quotations, the documents attached to quotations,
-- and the quarterly price checks of the cloud services. Preparers write, every
-- role reads; every change is one transaction with its change-history record.

-- An order as the domain's PurchaseOrder (document), its reference unique
-- (trimmed) so ledger rows with that reference link to exactly one order.
CREATE TABLE evidence_orders (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,100}$'),
  reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 300),
  document jsonb NOT NULL,
  updated_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX evidence_orders_reference ON evidence_orders (reference);

-- A document attached to a quotation, at most 5 MiB (MAX_ATTACHMENT_BYTES).
-- An upload is staged (order_id null) until an order saved with it takes it
-- in, in the order's own transaction; a staged upload never taken in is
-- removed after a day. Attachments stay when their order is deleted: the
-- history names them by id and SHA-256.
CREATE TABLE evidence_attachments (
  id text PRIMARY KEY CHECK (id ~ '^att-[a-z0-9-]{1,80}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  content_type text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 200),
  byte_size integer NOT NULL CHECK (byte_size BETWEEN 0 AND 5242880),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea NOT NULL CHECK (octet_length(bytes) = byte_size),
  uploaded_by integer NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  order_id text,
  linked_at timestamptz
);
CREATE INDEX evidence_attachments_staged ON evidence_attachments (uploaded_at) WHERE order_id IS NULL;

-- One price check per category and quarter, as the domain's PriceCheck (document).
CREATE TABLE price_checks (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,100}$'),
  category_id text NOT NULL CHECK (length(category_id) BETWEEN 1 AND 300),
  quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
  document jsonb NOT NULL,
  updated_by integer NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (category_id, quarter)
);
