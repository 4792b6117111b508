-- Issue 8, "events carry trust": a PaymentOrdered is paid only if it agrees with what this
-- service has seen of the contract on the contract service's topic (ContractApproved, Amended,
-- Closed): same vendor, orders within the amount as amended (and within a year's scheduled
-- amount), less what a closure released.
CREATE TABLE known_contracts (
  id              uuid PRIMARY KEY,
  vendor_id       uuid NOT NULL,
  -- NULL: known only from the payments ordered before this migration (vendor checked, not amount).
  amount          bigint CHECK (amount > 0),
  fiscal_year     integer,
  -- A multi-year contract's amount per fiscal year: [{"fiscalYear": 2026, "amount": 1000}, …].
  schedule        jsonb,
  released_amount bigint NOT NULL DEFAULT 0 CHECK (released_amount >= 0),
  closed_outcome  text CHECK (closed_outcome IN ('completed', 'cancelled')),
  approved_at     timestamptz(3),
  updated_at      timestamptz(3) NOT NULL
);

-- What a contract's orders add up to is read for every order.
CREATE INDEX payments_contract_id_kind_idx ON payments (contract_id, kind);

-- Contracts approved before this service read ContractApproved: their vendor from their payments.
INSERT INTO known_contracts (id, vendor_id, updated_at)
  SELECT DISTINCT ON (contract_id) contract_id, vendor_id, now()
  FROM payments ORDER BY contract_id, created_at;

-- A PaymentOrdered whose contract (or amendment) has not arrived yet waits here instead of
-- blocking the partition; the contract's events decide it, or the wait ends in a refusal.
CREATE TABLE parked_payment_orders (
  event_id         uuid PRIMARY KEY,
  contract_id      uuid NOT NULL,
  invoice_id       uuid NOT NULL,
  envelope         jsonb NOT NULL,
  reason           text NOT NULL,
  status           text NOT NULL CHECK (status IN ('waiting', 'scheduled', 'refused')),
  parked_at        timestamptz(3) NOT NULL,
  decided_at       timestamptz(3),
  -- When a refused order reached the dead-letter topic (NULL while it still has to).
  dead_lettered_at timestamptz(3),
  CHECK ((status = 'waiting') = (decided_at IS NULL))
);
CREATE INDEX parked_payment_orders_contract_id_status_idx
  ON parked_payment_orders (contract_id, status);
CREATE INDEX parked_payment_orders_status_parked_at_idx
  ON parked_payment_orders (status, parked_at);
