-- What the contract service decides on its own projection, kept here for the payment order (支出命令):
-- the amount a closure released, and each fiscal year's scheduled amount with what is invoiced in it.

-- Per fiscal year that bears a contract's payments (会計年度独立の原則, 地方自治法 Art. 208): its
-- amount (a multi-year contract's schedule, 債務負担行為 Art. 214; a single-year contract's one
-- year holds the whole amount) and the totals of its invoices not rejected. Replaces the schedule
-- column, which held the same amounts without what is invoiced against them.
CREATE TABLE contract_years (
  contract_id    uuid NOT NULL REFERENCES approved_contracts (contract_id),
  fiscal_year    integer NOT NULL,
  amount         bigint NOT NULL CHECK (amount >= 0),
  -- Like the contract's total, a restated schedule may take a year below it (the contract service
  -- does not know what is invoiced per year): the payment order checks it.
  invoiced_total bigint NOT NULL DEFAULT 0 CHECK (invoiced_total >= 0),
  PRIMARY KEY (contract_id, fiscal_year)
);
INSERT INTO contract_years (contract_id, fiscal_year, amount)
SELECT contract_id, fiscal_year, amount FROM approved_contracts WHERE schedule IS NULL
UNION ALL
SELECT c.contract_id, (year->>'fiscalYear')::integer, (year->>'amount')::bigint
FROM approved_contracts c, jsonb_array_elements(c.schedule) AS year
WHERE c.schedule IS NOT NULL;
-- Existing invoices count in the year that bears them (a year outside the schedule gets a row of
-- amount 0, so nothing more is received or ordered in it).
INSERT INTO contract_years (contract_id, fiscal_year, amount, invoiced_total)
SELECT contract_id, fiscal_year, 0, sum(total) FROM invoices
WHERE status <> 'rejected'
GROUP BY contract_id, fiscal_year
ON CONFLICT (contract_id, fiscal_year) DO UPDATE SET invoiced_total = excluded.invoiced_total;
ALTER TABLE approved_contracts DROP COLUMN schedule;

-- What a completion or cancellation released of the encumbrance (ContractClosed): what is left,
-- amount − released_amount, is all its invoices may be ordered for. Contracts closed before this
-- column: a cancellation released everything; a completion is taken to have kept what is invoiced.
ALTER TABLE approved_contracts
  ADD COLUMN released_amount bigint NOT NULL DEFAULT 0 CHECK (released_amount >= 0);
UPDATE approved_contracts
SET released_amount = CASE closed_outcome
  WHEN 'cancelled' THEN amount
  ELSE greatest(amount - invoiced_total, 0)
END
WHERE closed_outcome IS NOT NULL;
