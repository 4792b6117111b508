-- Where a vendor's 振込通知書 is mailed (VendorRegistered.email); NULL: not mailed.
ALTER TABLE vendors ADD COLUMN email TEXT;

-- The invoice's 請求日 (PaymentOrdered.invoiceDate), printed on the 振込通知書; NULL before v4.
ALTER TABLE payments ADD COLUMN invoice_date DATE;

-- One 振込通知書 mail per approved batch and vendor, written with the approval (a mail outbox):
-- the sender marks it sent, or records why the SMTP server refused it and when to try again.
CREATE TABLE remittance_mails (
  batch_id UUID NOT NULL REFERENCES transfer_batches (id),
  vendor_id UUID NOT NULL,
  recipient TEXT NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL,
  sent_at TIMESTAMPTZ(3),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY (batch_id, vendor_id)
);
CREATE INDEX remittance_mails_sent_at_next_attempt_at_idx ON remittance_mails (sent_at, next_attempt_at);
