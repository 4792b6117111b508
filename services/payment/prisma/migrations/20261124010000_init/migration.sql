-- The payment service's tables (mirrors prisma/schema.prisma; test/schema.test.ts checks it).

CREATE TABLE vendors (
  id                  uuid PRIMARY KEY,
  name                text NOT NULL,
  name_kana           text NOT NULL,
  registration_number text,
  bank_code           text NOT NULL CHECK (bank_code ~ '^\d{4}$'),
  branch_code         text NOT NULL CHECK (branch_code ~ '^\d{3}$'),
  account_type        text NOT NULL CHECK (account_type IN ('ordinary', 'current', 'savings')),
  account_number      text NOT NULL CHECK (account_number ~ '^\d{1,7}$'),
  holder_kana         text NOT NULL,
  updated_at          timestamptz(3) NOT NULL
);

CREATE TABLE transfer_batches (
  id            uuid PRIMARY KEY,
  status        text NOT NULL CHECK (status IN ('draft', 'approved', 'settled')),
  transfer_date date NOT NULL,
  count         integer NOT NULL CHECK (count > 0),
  total         bigint NOT NULL CHECK (total > 0),
  created_by    text NOT NULL,
  created_at    timestamptz(3) NOT NULL,
  approved_by   text,
  approved_at   timestamptz(3),
  settled_by    text,
  settled_at    timestamptz(3),
  -- Four eyes: the accountant who assembled the batch never approves it.
  CHECK (approved_by IS NULL OR approved_by <> created_by)
);

CREATE TABLE payments (
  id             uuid PRIMARY KEY,
  invoice_id     uuid NOT NULL UNIQUE,
  contract_id    uuid NOT NULL,
  vendor_id      uuid NOT NULL,
  invoice_number text NOT NULL,
  amount         bigint NOT NULL CHECK (amount > 0),
  due_date       date NOT NULL,
  status         text NOT NULL CHECK (status IN ('scheduled', 'batched', 'paid', 'failed')),
  transfer_date  date,
  batch_id       uuid REFERENCES transfer_batches (id),
  -- The vendor's bank account as it was when the payment was batched: what the second
  -- accountant approved is what the Zengin file pays, even if the vendor changes it later.
  payee_account  jsonb,
  created_at     timestamptz(3) NOT NULL,
  -- A payment leaves 'scheduled' only by joining a batch.
  CHECK ((status = 'scheduled') = (batch_id IS NULL) OR status = 'failed'),
  CHECK ((batch_id IS NULL) = (payee_account IS NULL))
);
CREATE INDEX payments_vendor_id_idx ON payments (vendor_id);
CREATE INDEX payments_status_due_date_idx ON payments (status, due_date);
CREATE INDEX payments_batch_id_idx ON payments (batch_id);
