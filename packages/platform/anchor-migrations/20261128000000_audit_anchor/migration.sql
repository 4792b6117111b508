-- Heads of the services' audit chains, recorded every few minutes by the anchor role (INSERT
-- only; db/roles.ts), where no service can write. A chain rewritten and re-hashed from some
-- entry on no longer matches the heads anchored after that entry. The anchors are themselves
-- a hash chain (same serialisation as audit_log's, see audit-anchor.ts).

-- The functions below keep this search path (SET search_path FROM CURRENT): this schema, then
-- pg_temp named last, so no session's temporary table called anchors can stand in for it.
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

CREATE TABLE anchors (
  id         bigserial PRIMARY KEY,
  seq        bigint NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  trail      text NOT NULL,
  chain_seq  bigint NOT NULL,
  entry_id   bigint NOT NULL,
  entry_hash text NOT NULL,
  prev_hash  text,
  hash       text NOT NULL
);
CREATE UNIQUE INDEX anchors_seq ON anchors (seq);
CREATE INDEX anchors_trail ON anchors (trail, chain_seq);

CREATE FUNCTION anchors_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit anchors are append-only';
END $$;
CREATE TRIGGER anchors_no_update BEFORE UPDATE OR DELETE OR TRUNCATE ON anchors
  FOR EACH STATEMENT EXECUTE FUNCTION anchors_are_append_only();

CREATE FUNCTION anchor_field(value text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
  SELECT CASE WHEN value IS NULL THEN '~' ELSE octet_length(value)::text || ':' || value END
$$;

CREATE FUNCTION anchors_chain() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  head record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('denpyo-anchor-chain:' || TG_TABLE_SCHEMA));
  EXECUTE format('SELECT a.seq, a.hash FROM %I.anchors a ORDER BY a.seq DESC LIMIT 1',
    TG_TABLE_SCHEMA) INTO head;
  NEW.seq := coalesce(head.seq, 0) + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := encode(sha256(convert_to(
    'denpyo-anchor-v1|'
    || anchor_field(NEW.seq::text)
    || anchor_field(NEW.id::text)
    || anchor_field(to_char(NEW.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || anchor_field(NEW.trail)
    || anchor_field(NEW.chain_seq::text)
    || anchor_field(NEW.entry_id::text)
    || anchor_field(NEW.entry_hash)
    || anchor_field(NEW.prev_hash),
    'UTF8')), 'hex');
  RETURN NEW;
END $$;
CREATE TRIGGER anchors_chain BEFORE INSERT ON anchors
  FOR EACH ROW EXECUTE FUNCTION anchors_chain();
