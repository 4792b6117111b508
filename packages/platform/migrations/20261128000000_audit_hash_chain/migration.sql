-- The audit trail as a hash chain (issue 8): append-only was only a trigger, which a superuser
-- can disable. Now each entry stores the SHA-256 of its content and of the previous entry's
-- hash, numbered gap-free by chain_seq, so an entry edited or deleted behind the trigger's back
-- breaks the chain where it was touched (see packages/platform/src/audit-chain.ts, which
-- re-computes it; the heads are anchored in audit_anchor, where no service can write).

ALTER TABLE audit_log
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash      text;

-- The functions below keep this search path (SET search_path FROM CURRENT): this schema, then
-- pg_temp named last. Unnamed, pg_temp is searched first for tables, so a session could make a
-- temporary table called audit_log stand in for the trail when the trigger reads the head.
SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true);

-- One field of the canonical serialisation: `<length in bytes>:<text>`, NULL as `~`. Prefix-free,
-- so no two different contents serialise alike. audit-chain.ts serialises the same way.
CREATE FUNCTION audit_log_field(value text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
  SELECT CASE WHEN value IS NULL THEN '~' ELSE octet_length(value)::text || ':' || value END
$$;

-- The hash of an entry: its sequence, id, time as stored (UTC, microseconds), who, what, the
-- record, amount, counterparty, the snapshots as jsonb text, the correlation id, and the hash
-- of the entry before it.
CREATE FUNCTION audit_log_entry_hash(
  chain_seq bigint, id bigint, at timestamptz, actor text, action text, entity_type text,
  entity_id text, amount bigint, counterparty text, before jsonb, after jsonb,
  correlation_id text, prev_hash text
) RETURNS text LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT encode(sha256(convert_to(
    'denpyo-audit-v1|'
    || audit_log_field(chain_seq::text)
    || audit_log_field(id::text)
    || audit_log_field(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || audit_log_field(actor)
    || audit_log_field(action)
    || audit_log_field(entity_type)
    || audit_log_field(entity_id)
    || audit_log_field(amount::text)
    || audit_log_field(counterparty)
    || audit_log_field(before::text)
    || audit_log_field(after::text)
    || audit_log_field(correlation_id)
    || audit_log_field(prev_hash),
    'UTF8')), 'hex')
$$;

-- Entries written before this migration are chained in id order (the order they were written).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$
DECLARE
  entry record;
  previous text := NULL;
  n bigint := 0;
BEGIN
  FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    UPDATE audit_log
    SET chain_seq = n,
        prev_hash = previous,
        hash = audit_log_entry_hash(n, entry.id, entry.at, entry.actor, entry.action,
          entry.entity_type, entry.entity_id, entry.amount, entry.counterparty, entry.before,
          entry.after, entry.correlation_id, previous)
    WHERE id = entry.id
    RETURNING hash INTO previous;
  END LOOP;
END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

ALTER TABLE audit_log
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_chain ON audit_log (chain_seq);

-- Each new entry is linked to the head under a transaction-scoped advisory lock, so concurrent
-- appenders form one linear chain; the lock is held from the append (the last write of a unit
-- of work) to commit. Whatever the client sends for these three columns is overwritten. In READ
-- COMMITTED each statement of this (volatile) function sees what committed before the lock.
CREATE FUNCTION audit_log_chain() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
  head record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('denpyo-audit-chain:' || TG_TABLE_SCHEMA));
  -- The head of the table this trigger fires on, named by its schema: nothing in any search
  -- path can take its place.
  EXECUTE format('SELECT a.chain_seq, a.hash FROM %I.audit_log a ORDER BY a.chain_seq DESC LIMIT 1',
    TG_TABLE_SCHEMA) INTO head;
  NEW.chain_seq := coalesce(head.chain_seq, 0) + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := audit_log_entry_hash(NEW.chain_seq, NEW.id, NEW.at, NEW.actor, NEW.action,
    NEW.entity_type, NEW.entity_id, NEW.amount, NEW.counterparty, NEW.before, NEW.after,
    NEW.correlation_id, NEW.prev_hash);
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
