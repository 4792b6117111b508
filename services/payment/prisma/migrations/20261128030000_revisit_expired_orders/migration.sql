-- An order refused only because its wait ended (PAYMENT_ORDER_WAIT_SECONDS: its contract, or the
-- amendment it needed, had not been read yet, e.g. after an outage) is judged again when a later
-- event of its contract arrives, and scheduled if it agrees by then. A vendor mismatch, a closed
-- contract or a closed fiscal year can never become true: those refusals stay final.
ALTER TABLE parked_payment_orders ADD COLUMN wait_expired boolean NOT NULL DEFAULT false;
UPDATE parked_payment_orders SET wait_expired = true
  WHERE status = 'refused' AND reason LIKE '%, still after waiting % s';

-- A parked order whose invoice had its payment already (from another order of it) scheduled
-- nothing: recorded as such, not as `scheduled`.
ALTER TABLE parked_payment_orders DROP CONSTRAINT parked_payment_orders_status_check;
ALTER TABLE parked_payment_orders ADD CONSTRAINT parked_payment_orders_status_check
  CHECK (status IN ('waiting', 'scheduled', 'already-scheduled', 'refused'));
