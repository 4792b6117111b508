-- Issue 8: the payment service now keeps the contracts it has seen approved (known_contracts)
-- and pays an order only if it agrees with them; it never read the ContractApproved, Amended and
-- Closed events published before (its consumer offsets are past them), so the orders of those
-- contracts would wait and then be refused. The outbox keeps published rows: publish those
-- events once more, under their original event ids and in their original order (the relay
-- publishes by seq, before anything the service appends after this migration). Consumers that
-- handled them already skip them through their inbox (the invoice service); the payment service
-- records the contracts. Data only: no table changes.
UPDATE outbox SET published_at = NULL
WHERE published_at IS NOT NULL
  AND envelope->>'type' IN ('ContractApproved', 'ContractAmended', 'ContractClosed');
