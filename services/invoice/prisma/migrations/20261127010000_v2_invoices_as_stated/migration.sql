-- v2 invoices as stated (API.md "v2 — invoices as stated", issue 7): the stated tax, tax-included
-- amounts, optional T-numbers, the arrival date's deadlines, withholding, the payment's fiscal
-- year, signatures, the treasurer's confirmation, and what the contract service tells of kinds,
-- amendments, closures and closed fiscal years.

-- Contracts: their kind (deadlines), 契約締結日 (late interest), multi-year schedule (fiscal
-- year of a payment) and closure. Contracts approved before v2 were services contracts.
ALTER TABLE approved_contracts
  ADD COLUMN kind text NOT NULL DEFAULT 'services' CHECK (kind IN ('goods', 'services', 'works')),
  ADD COLUMN concluded_on date,
  ADD COLUMN schedule jsonb,
  ADD COLUMN closed_outcome text CHECK (closed_outcome IN ('completed', 'cancelled')),
  ADD COLUMN closed_at timestamptz(3);
ALTER TABLE approved_contracts ALTER COLUMN kind DROP DEFAULT;
-- An approved decrease (変更契約) may take the amount below what was already invoiced; the
-- projection must record it all the same (the contract service is the authority on the amount),
-- so only the reservation's conditional update keeps new invoices within the amount now.
ALTER TABLE approved_contracts DROP CONSTRAINT approved_contracts_check;
ALTER TABLE approved_contracts ADD CHECK (invoiced_total >= 0);

-- Vendors registered before v2 were corporations.
ALTER TABLE vendors
  ADD COLUMN kind text NOT NULL DEFAULT 'corporation' CHECK (kind IN ('corporation', 'individual'));
ALTER TABLE vendors ALTER COLUMN kind DROP DEFAULT;

ALTER TABLE invoices
  ALTER COLUMN registration_number DROP NOT NULL,
  ADD COLUMN qualified boolean,
  ADD COLUMN amounts_include text NOT NULL DEFAULT 'tax-excluded'
    CHECK (amounts_include IN ('tax-excluded', 'tax-included')),
  ADD COLUMN contract_kind text,
  ADD COLUMN fiscal_year integer,
  ADD COLUMN original_due_date date,
  ADD COLUMN inspection_due_date date,
  ADD COLUMN inspection_late_days integer CHECK (inspection_late_days >= 0),
  ADD COLUMN withholding_tax bigint NOT NULL DEFAULT 0 CHECK (withholding_tax >= 0),
  ADD COLUMN net_amount bigint,
  ADD COLUMN created_by_signature jsonb,
  ADD COLUMN inspected_by_signature jsonb,
  ADD COLUMN approved_by_signature jsonb,
  -- The payment service's payment of this invoice, whose confirmation is recorded here.
  ADD COLUMN payment_id uuid,
  ADD COLUMN confirmed_by text,
  ADD COLUMN confirmed_by_signature jsonb,
  ADD COLUMN confirmed_at timestamptz(3);
-- v1 invoices: qualified when the number given is the vendor's own on file; the contract's kind
-- and fiscal year; deadlines as v1 computed them (a services contract: 10 days to inspect); no
-- withholding.
UPDATE invoices i SET
  qualified = coalesce(v.invoice_registration_number = i.registration_number, false),
  contract_kind = c.kind,
  fiscal_year = c.fiscal_year,
  original_due_date = i.due_date,
  inspection_due_date = i.received_on + 10,
  net_amount = i.total
FROM approved_contracts c LEFT JOIN vendors v ON v.vendor_id = c.vendor_id
WHERE c.contract_id = i.contract_id;
ALTER TABLE invoices
  ALTER COLUMN qualified SET NOT NULL,
  ALTER COLUMN amounts_include DROP DEFAULT,
  ALTER COLUMN contract_kind SET NOT NULL,
  ALTER COLUMN fiscal_year SET NOT NULL,
  ALTER COLUMN original_due_date SET NOT NULL,
  ALTER COLUMN inspection_due_date SET NOT NULL,
  ALTER COLUMN net_amount SET NOT NULL,
  ADD CHECK (contract_kind IN ('goods', 'services', 'works')),
  ADD CHECK (total > 0),
  ADD CHECK (net_amount > 0 AND net_amount = total - withholding_tax),
  ADD CHECK (qualified = false OR registration_number IS NOT NULL);
-- The overdue-inspection list: received invoices by inspection deadline.
CREATE INDEX invoices_status_inspection_due_date_idx ON invoices (status, inspection_due_date);
CREATE UNIQUE INDEX invoices_payment_id_key ON invoices (payment_id);

-- Line amounts are as stated (tax-excluded or tax-included), negative for a discount.
ALTER TABLE invoice_lines ADD COLUMN withholding boolean NOT NULL DEFAULT false;

-- Whether the tax of a rate is the one the invoice stated (else: rounded down by the city).
ALTER TABLE invoice_taxes ADD COLUMN stated boolean NOT NULL DEFAULT false;

-- 出納閉鎖 as the payment service announces it (FiscalYearClosed): no payment order any more.
CREATE TABLE closed_fiscal_years (
  fiscal_year  integer PRIMARY KEY,
  closed_by    text NOT NULL,
  closed_at    timestamptz(3) NOT NULL,
  projected_at timestamptz(3) NOT NULL DEFAULT now()
);
