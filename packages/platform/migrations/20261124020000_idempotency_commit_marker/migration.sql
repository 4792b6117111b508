-- Set inside the transaction of the change a keyed request made, so a request that committed but
-- crashed before its response was stored is never run a second time.
ALTER TABLE idempotency_keys ADD COLUMN committed_at timestamptz;
