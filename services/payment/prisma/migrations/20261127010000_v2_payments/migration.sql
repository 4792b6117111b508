-- v2 payments (API.md "v2 — payments"): the order's signatures and amounts, the treasurer's
-- confirmation, failed transfers, late-payment interest, fiscal-year close, the batch items.

-- The vendor's kind (法人/個人) for the withholding ledger; existing vendors were corporations.
ALTER TABLE vendors ADD COLUMN kind text NOT NULL DEFAULT 'corporation'
  CHECK (kind IN ('corporation', 'individual'));
ALTER TABLE vendors ALTER COLUMN kind DROP DEFAULT;

ALTER TABLE payments DROP CONSTRAINT payments_check;
ALTER TABLE payments DROP CONSTRAINT payments_check1;
ALTER TABLE payments DROP CONSTRAINT payments_status_check;
ALTER TABLE payments DROP CONSTRAINT payments_invoice_id_key;

-- Existing rows were v1 orders: an invoice's payment, no withholding, net = amount, ordered by
-- whoever the audit trail names ('unknown' here), and of the fiscal year of the day the order
-- reached this service in Japan (the order follows the invoice's approval within its year; the
-- due date runs up to 40 days later and would put a March order into April's year).
ALTER TABLE payments
  ADD COLUMN kind text NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'late-interest')),
  ADD COLUMN withholding_tax bigint NOT NULL DEFAULT 0 CHECK (withholding_tax >= 0),
  ADD COLUMN net_amount bigint,
  ADD COLUMN fiscal_year integer,
  ADD COLUMN contract_concluded_on date,
  ADD COLUMN ordered_by text NOT NULL DEFAULT 'unknown',
  ADD COLUMN ordered_by_signature jsonb,
  ADD COLUMN confirmed_by text,
  ADD COLUMN confirmed_by_signature jsonb,
  ADD COLUMN confirmed_at timestamptz(3),
  ADD COLUMN failure_reason text,
  ADD COLUMN failed_at timestamptz(3),
  -- A late-interest payment: the late payment it is owed on, and how it was computed.
  ADD COLUMN origin_payment_id uuid REFERENCES payments (id),
  ADD COLUMN late_interest jsonb;
UPDATE payments SET
  net_amount = amount,
  -- Three months back from an April–March day lands in the calendar year the fiscal year is named by.
  fiscal_year = extract(year FROM (created_at AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer;
-- v1 had no treasurer's examination: a payment left 'scheduled' by joining an accountant's batch.
-- Those that did (batched, paid, failed in a batch) are recorded as confirmed by 'v1' (no user
-- can be called that: usernames have at least 3 characters) at no time, not by anyone who never
-- examined them; one still scheduled waits for a treasurer like any v2 order. v1 never wrote
-- 'failed' but its CHECK allowed it: in a batch it stays failed, with a reason saying v1 kept
-- none, to be retried; in no batch it was never sent, so it is ordered again (scheduled).
UPDATE payments SET status = 'scheduled' WHERE status = 'failed' AND batch_id IS NULL;
UPDATE payments SET confirmed_by = 'v1' WHERE status <> 'scheduled';
UPDATE payments SET failure_reason = '振込不能（v1 は事由を記録していません）'
  WHERE status = 'failed';
ALTER TABLE payments
  ALTER COLUMN kind DROP DEFAULT,
  ALTER COLUMN withholding_tax DROP DEFAULT,
  ALTER COLUMN net_amount SET NOT NULL,
  ALTER COLUMN fiscal_year SET NOT NULL,
  ALTER COLUMN ordered_by DROP DEFAULT,
  ADD CHECK (net_amount > 0 AND net_amount = amount - withholding_tax),
  ADD CHECK (status IN ('scheduled', 'confirmed', 'batched', 'paid', 'failed')),
  -- In a batch exactly while batched, paid, or failed (until a retry confirms it again).
  ADD CHECK ((batch_id IS NULL) = (status IN ('scheduled', 'confirmed'))),
  ADD CHECK ((confirmed_by IS NULL) = (status = 'scheduled')),
  ADD CHECK ((kind = 'late-interest') = (origin_payment_id IS NOT NULL));
-- One payment per invoice, and at most one interest payment per late payment: however often an
-- order is redelivered or a settlement retried, nothing is paid twice.
CREATE UNIQUE INDEX payments_invoice_id_kind_key ON payments (invoice_id, kind);
CREATE UNIQUE INDEX payments_origin_payment_id_key ON payments (origin_payment_id);
CREATE INDEX payments_fiscal_year_idx ON payments (fiscal_year);
CREATE INDEX payments_transfer_date_idx ON payments (transfer_date);

ALTER TABLE transfer_batches DROP CONSTRAINT transfer_batches_status_check;
ALTER TABLE transfer_batches
  ADD CHECK (status IN ('draft', 'approved', 'settled', 'cancelled')),
  ADD COLUMN created_by_signature jsonb,
  ADD COLUMN approved_by_signature jsonb,
  ADD COLUMN settled_by_signature jsonb,
  ADD COLUMN cancelled_by text,
  ADD COLUMN cancelled_at timestamptz(3),
  ADD COLUMN late_reason text;

-- What each batch pays, to which account: copied when the batch is drafted (and, while it is a
-- draft, moved to a vendor's newly approved account), final from approval on. The record stays
-- when a payment later leaves the batch (cancelled, or failed and retried).
CREATE TABLE transfer_batch_items (
  batch_id       uuid NOT NULL REFERENCES transfer_batches (id),
  payment_id     uuid NOT NULL REFERENCES payments (id),
  net_amount     bigint NOT NULL CHECK (net_amount > 0),
  payee_account  jsonb NOT NULL,
  result         text CHECK (result IN ('paid', 'failed')),
  failure_reason text,
  PRIMARY KEY (batch_id, payment_id),
  CHECK ((result = 'failed') = (failure_reason IS NOT NULL))
);
CREATE INDEX transfer_batch_items_payment_id_idx ON transfer_batch_items (payment_id);
INSERT INTO transfer_batch_items (batch_id, payment_id, net_amount, payee_account, result,
    failure_reason)
  SELECT p.batch_id, p.id, p.amount, p.payee_account,
         CASE WHEN p.status IN ('paid', 'failed') THEN p.status END, p.failure_reason
  FROM payments p WHERE p.batch_id IS NOT NULL;

-- The payee account of a payment not yet in an approved batch follows the vendor's approved
-- changes; fill it for existing payments from the vendor projection.
UPDATE payments p SET payee_account = jsonb_build_object(
    'bankCode', v.bank_code, 'branchCode', v.branch_code, 'type', v.account_type,
    'number', v.account_number, 'holderKana', v.holder_kana)
  FROM vendors v WHERE v.id = p.vendor_id AND p.payee_account IS NULL;

-- 出納閉鎖 (地方自治法 Art. 235-5): a closed fiscal year moves no more payments.
CREATE TABLE fiscal_years (
  fiscal_year         integer PRIMARY KEY,
  closed_by           text NOT NULL,
  closed_by_signature jsonb NOT NULL,
  closed_at           timestamptz(3) NOT NULL
);
