-- JP PINT e-invoices (API.md "v2 — e-invoices (JP PINT)", issue 9 §1): how an invoice arrived,
-- the period it states, and the XML kept exactly as received (電子帳簿保存法 Art. 7).

-- Every invoice before this one was keyed in.
ALTER TABLE invoices
  ADD COLUMN source text NOT NULL DEFAULT 'paper' CHECK (source IN ('paper', 'jp-pint')),
  ADD COLUMN period_start date,
  ADD COLUMN period_end date,
  ADD CHECK ((period_start IS NULL) = (period_end IS NULL) AND period_start <= period_end);
ALTER TABLE invoices ALTER COLUMN source DROP DEFAULT;
-- 電子帳簿保存法's search keys are the transaction date, the amount and the counterparty: the
-- amount (total) and the counterparty (vendor_id) are indexed already.
CREATE INDEX invoices_issue_date_idx ON invoices (issue_date);

-- The e-invoice as received, byte for byte, with its SHA-256 (which the database recomputes, so
-- the two cannot disagree), beside the invoice it became: never deleted with it.
CREATE TABLE invoice_originals (
  invoice_id              uuid PRIMARY KEY REFERENCES invoices (id),
  xml                     bytea NOT NULL,
  sha256                  text NOT NULL CHECK (sha256 = encode(sha256(xml), 'hex')),
  -- billing: JP PINT (適格請求書); nontax: JP BIS for non-tax-registered businesses.
  specification           text NOT NULL CHECK (specification IN ('billing', 'nontax')),
  seller_corporate_number text,
  -- cac:PaymentMeans/cac:PayeeFinancialAccount as stated; the city pays the registered account.
  stated_payee_account    jsonb,
  payee_account_differs   boolean NOT NULL,
  CHECK (stated_payee_account IS NOT NULL OR NOT payee_account_differs)
);

-- An e-invoice may name its contract by document number (cbc:BuyerReference).
CREATE INDEX approved_contracts_document_number_idx ON approved_contracts (document_number);

-- What the vendor's e-invoices are checked against: its 法人番号 and its registered account (from
-- VendorRegistered and VendorBankAccountChanged; unknown for vendors projected before).
ALTER TABLE vendors
  ADD COLUMN corporate_number text,
  ADD COLUMN bank_account jsonb;
