-- A replayed response must be the first one byte for byte (the same body, hence the same ETag):
-- jsonb reorders keys, so the response is kept as the bytes that were sent, with the headers
-- that matter (Content-Type, Location). Responses stored before are carried over as their JSON.
ALTER TABLE idempotency_keys
  ADD COLUMN response_bytes bytea,
  ADD COLUMN response_headers jsonb;

UPDATE idempotency_keys
SET response_bytes = convert_to(response_body::text, 'UTF8'),
    response_headers = jsonb_build_object(
      'content-type',
      CASE WHEN status_code >= 400 THEN 'application/problem+json; charset=utf-8'
           ELSE 'application/json; charset=utf-8' END)
WHERE status_code IS NOT NULL;

ALTER TABLE idempotency_keys DROP COLUMN response_body;
