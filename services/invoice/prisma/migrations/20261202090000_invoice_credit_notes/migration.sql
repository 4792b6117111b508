-- JP PINT credit notes (適格返還請求書, UBL CreditNote 381) received against an invoice not yet
-- ordered for payment: each reduces what the invoice pays and releases its reservation.
CREATE TABLE invoice_credit_notes (
  id                   uuid PRIMARY KEY,
  invoice_id           uuid NOT NULL REFERENCES invoices (id),
  credit_note_number   text NOT NULL,
  issue_date           date NOT NULL,
  -- Per rate the base and tax as stated ([{rate, base, tax}]), as the credit note's TaxSubtotal.
  taxes                jsonb NOT NULL,
  total                bigint NOT NULL CHECK (total > 0),
  -- The credit note as received, byte for byte, as invoice_originals keeps an e-invoice.
  xml                  bytea NOT NULL,
  sha256               text NOT NULL CHECK (sha256 = encode(sha256(xml), 'hex')),
  created_by_signature jsonb NOT NULL,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (invoice_id, credit_note_number)
);
