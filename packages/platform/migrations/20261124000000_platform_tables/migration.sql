-- Tables every service schema carries: the transactional outbox, the consumer inbox,
-- stored idempotent responses, and the append-only audit trail (電子帳簿保存法).

CREATE TABLE outbox (
  seq          bigserial PRIMARY KEY,
  event_id     uuid NOT NULL UNIQUE,
  topic        text NOT NULL,
  key          text NOT NULL,
  envelope     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;

CREATE TABLE inbox (
  consumer   text NOT NULL,
  event_id   uuid NOT NULL,
  event_type text NOT NULL,
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE idempotency_keys (
  actor         text NOT NULL,
  key           text NOT NULL,
  method        text NOT NULL,
  path          text NOT NULL,
  request_hash  text NOT NULL,
  status_code   integer,
  response_body jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  PRIMARY KEY (actor, key)
);

CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL,
  action         text NOT NULL,
  entity_type    text NOT NULL,
  entity_id      text NOT NULL,
  amount         bigint,
  counterparty   text,
  before         jsonb,
  after          jsonb,
  correlation_id text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_amount ON audit_log (amount);
CREATE INDEX audit_log_counterparty ON audit_log (counterparty, at);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);

-- Append-only: the audit trail may be read and added to, never changed.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
