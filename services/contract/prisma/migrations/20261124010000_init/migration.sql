-- The contract service's tables: vendors, budget lines, contracts and their approvals, and the
-- per-fiscal-year document number counter. Must match prisma/schema.prisma (test/schema.test.ts).

CREATE TYPE vendor_status AS ENUM ('active');
CREATE TYPE bank_account_type AS ENUM ('ordinary', 'current', 'savings');
CREATE TYPE contract_status AS ENUM ('draft', 'submitted', 'approved', 'rejected');

CREATE TABLE vendors (
  id                          uuid PRIMARY KEY,
  name                        text NOT NULL,
  name_kana                   text NOT NULL,
  corporate_number            text,
  invoice_registration_number text,
  bank_code                   text NOT NULL,
  branch_code                 text NOT NULL,
  account_type                bank_account_type NOT NULL,
  account_number              text NOT NULL,
  holder_kana                 text NOT NULL,
  status                      vendor_status NOT NULL,
  created_by                  text NOT NULL,
  created_at                  timestamptz(3) NOT NULL
);

CREATE TABLE budgets (
  fiscal_year integer NOT NULL,
  code        text NOT NULL,
  name        text NOT NULL,
  amount      bigint NOT NULL CHECK (amount >= 0),
  encumbered  bigint NOT NULL DEFAULT 0 CHECK (encumbered >= 0),
  spent       bigint NOT NULL DEFAULT 0 CHECK (spent >= 0),
  created_at  timestamptz(3) NOT NULL,
  PRIMARY KEY (fiscal_year, code),
  -- The last line of defence against over-encumbrance; approval checks it with a conditional UPDATE.
  CONSTRAINT budgets_encumbered_within_amount CHECK (encumbered <= amount)
);

CREATE TABLE contracts (
  id               uuid PRIMARY KEY,
  document_number  text NOT NULL UNIQUE,
  vendor_id        uuid NOT NULL REFERENCES vendors (id),
  title            text NOT NULL,
  fiscal_year      integer NOT NULL,
  budget_code      text NOT NULL,
  amount           bigint NOT NULL CHECK (amount > 0),
  tax_rate         smallint NOT NULL CHECK (tax_rate IN (10, 8, 0)),
  start_date       date NOT NULL,
  end_date         date NOT NULL,
  status           contract_status NOT NULL,
  created_by       text NOT NULL,
  submitted_by     text,
  rejected_by      text,
  rejection_reason text,
  invoiced_amount  bigint NOT NULL DEFAULT 0 CHECK (invoiced_amount >= 0),
  paid_amount      bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  created_at       timestamptz(3) NOT NULL,
  updated_at       timestamptz(3) NOT NULL,
  FOREIGN KEY (fiscal_year, budget_code) REFERENCES budgets (fiscal_year, code),
  CHECK (end_date >= start_date)
);
CREATE INDEX contracts_status_idx ON contracts (status);
CREATE INDEX contracts_vendor_id_idx ON contracts (vendor_id);
CREATE INDEX contracts_fiscal_year_budget_code_idx ON contracts (fiscal_year, budget_code);

CREATE TABLE contract_approvals (
  contract_id uuid NOT NULL REFERENCES contracts (id),
  step        integer NOT NULL CHECK (step >= 1),
  approver    text NOT NULL,
  comment     text,
  at          timestamptz(3) NOT NULL,
  PRIMARY KEY (contract_id, step),
  -- The same person never signs one contract twice.
  UNIQUE (contract_id, approver)
);

CREATE TABLE document_counters (
  fiscal_year integer PRIMARY KEY,
  last_number integer NOT NULL
);
