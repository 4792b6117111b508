-- The invoice service's tables: projections of approved contracts and vendors (from the contract
-- service's events), invoices with their lines and per-rate tax, and document number counters.

CREATE TYPE invoice_status AS ENUM ('received', 'inspected', 'approved', 'rejected');

CREATE TABLE approved_contracts (
  contract_id     uuid PRIMARY KEY,
  document_number text NOT NULL,
  vendor_id       uuid NOT NULL,
  title           text NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0),
  tax_rate        smallint NOT NULL CHECK (tax_rate IN (10, 8, 0)),
  fiscal_year     integer NOT NULL,
  budget_code     text NOT NULL,
  approved_at     timestamptz(3) NOT NULL,
  -- The invariant the remaining-amount check protects, enforced by the database as well.
  invoiced_total  bigint NOT NULL DEFAULT 0 CHECK (invoiced_total >= 0 AND invoiced_total <= amount),
  projected_at    timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX approved_contracts_vendor_id_idx ON approved_contracts (vendor_id);

CREATE TABLE vendors (
  vendor_id                   uuid PRIMARY KEY,
  name                        text NOT NULL,
  invoice_registration_number text,
  projected_at                timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
  id                   uuid PRIMARY KEY,
  document_number      text NOT NULL UNIQUE,
  contract_id          uuid NOT NULL REFERENCES approved_contracts (contract_id),
  vendor_id            uuid NOT NULL,
  invoice_number       text NOT NULL,
  issue_date           date NOT NULL,
  registration_number  text NOT NULL,
  status               invoice_status NOT NULL,
  received_on          date NOT NULL,
  subtotal             bigint NOT NULL CHECK (subtotal >= 0),
  total                bigint NOT NULL CHECK (total >= subtotal),
  due_date             date NOT NULL,
  created_by           text NOT NULL,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  inspected_by         text,
  inspected_at         timestamptz(3),
  payment_order_number text UNIQUE,
  approved_by          text,
  approved_at          timestamptz(3),
  rejected_by          text,
  rejected_at          timestamptz(3),
  rejected_reason      text,
  UNIQUE (contract_id, invoice_number)
);
CREATE INDEX invoices_status_idx ON invoices (status);
CREATE INDEX invoices_vendor_id_idx ON invoices (vendor_id);
CREATE INDEX invoices_received_on_idx ON invoices (received_on);

CREATE TABLE invoice_lines (
  invoice_id  uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  line_no     integer NOT NULL,
  description text NOT NULL,
  amount      bigint NOT NULL,
  tax_rate    smallint NOT NULL CHECK (tax_rate IN (10, 8, 0)),
  PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE invoice_taxes (
  invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  rate       smallint NOT NULL CHECK (rate IN (10, 8, 0)),
  base       bigint NOT NULL,
  tax        bigint NOT NULL,
  PRIMARY KEY (invoice_id, rate)
);

CREATE TABLE document_counters (
  kind        text NOT NULL,
  fiscal_year integer NOT NULL,
  last_value  integer NOT NULL,
  PRIMARY KEY (kind, fiscal_year)
);
