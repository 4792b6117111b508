-- v2, the city's rules: vendor kinds and bank account changes under four eyes; contract kinds,
-- methods, the delegation route (専決規程) and signatures; multi-year commitments (債務負担行為)
-- per fiscal year; amendments (変更契約); completion and cancellation; budget transfers (流用);
-- closed fiscal years (出納閉鎖). Must match prisma/schema.prisma (test/schema.test.ts).

CREATE TYPE vendor_kind AS ENUM ('corporation', 'individual');
ALTER TABLE vendors ADD COLUMN kind vendor_kind NOT NULL DEFAULT 'corporation';

CREATE TYPE change_status AS ENUM ('requested', 'approved', 'rejected');

CREATE TABLE vendor_bank_account_changes (
  id                      uuid PRIMARY KEY,
  vendor_id               uuid NOT NULL REFERENCES vendors (id),
  status                  change_status NOT NULL,
  bank_code               text NOT NULL,
  branch_code             text NOT NULL,
  account_type            bank_account_type NOT NULL,
  account_number          text NOT NULL,
  holder_kana             text NOT NULL,
  -- The account it replaces, as it was when requested: what the auditor compares.
  previous_bank_account   jsonb NOT NULL,
  reason                  text,
  requested_by            text NOT NULL,
  requested_by_signature  jsonb NOT NULL,
  requested_at            timestamptz(3) NOT NULL,
  decided_by              text,
  decided_by_signature    jsonb,
  decided_at              timestamptz(3),
  rejection_reason        text
);
CREATE INDEX vendor_bank_account_changes_vendor_id_idx ON vendor_bank_account_changes (vendor_id);

CREATE TYPE contract_kind AS ENUM ('goods', 'services', 'works');
CREATE TYPE contract_method AS ENUM ('open-tender', 'designated-tender', 'negotiated');
CREATE TYPE approver_rank AS ENUM ('kakaricho', 'kacho', 'bucho', 'fukushicho', 'shicho');
ALTER TYPE contract_status ADD VALUE 'completed';
ALTER TYPE contract_status ADD VALUE 'cancelled';

ALTER TABLE contracts
  ADD COLUMN kind                 contract_kind NOT NULL DEFAULT 'services',
  ADD COLUMN method               contract_method,
  ADD COLUMN route                approver_rank[] NOT NULL DEFAULT '{}',
  ADD COLUMN created_by_signature jsonb,
  ADD COLUMN concluded_on         date,
  ADD COLUMN released_amount      bigint CHECK (released_amount >= 0),
  ADD COLUMN closing_reason       text,
  ADD COLUMN closed_at            timestamptz(3);

-- Routes of contracts made under v1. A draft, or one still waiting for approval, gets the default
-- delegation table's route for its amount (a draft's is fixed again at submission), so v1's head
-- count no longer clears a large amount; one already decided keeps what v1 asked of it: one or
-- two sign-offs (from ¥1,000,000) by approvers, recorded as 課長 steps.
UPDATE contracts SET route = CASE
    WHEN amount < 1000000 THEN ARRAY['kacho']::approver_rank[]
    WHEN amount < 10000000 THEN ARRAY['kacho', 'bucho']::approver_rank[]
    WHEN amount < 50000000 THEN ARRAY['kacho', 'bucho', 'fukushicho']::approver_rank[]
    ELSE ARRAY['kacho', 'bucho', 'fukushicho', 'shicho']::approver_rank[]
  END
  WHERE status IN ('draft', 'submitted');
UPDATE contracts SET route = CASE
    WHEN amount < 1000000 THEN ARRAY['kacho']::approver_rank[]
    ELSE ARRAY['kacho', 'kacho']::approver_rank[]
  END
  WHERE status IN ('approved', 'rejected');

-- The signer's name, title and rank at the time of signing (absent on v1 sign-offs).
ALTER TABLE contract_approvals
  ADD COLUMN display_name text,
  ADD COLUMN title        text,
  ADD COLUMN rank         approver_rank;

-- What a contract commits per fiscal year, and how much of that encumbers the year's budget
-- line now (a later year's share only once that year has begun).
CREATE TABLE contract_commitments (
  contract_id  uuid NOT NULL REFERENCES contracts (id),
  fiscal_year  integer NOT NULL,
  amount       bigint NOT NULL CHECK (amount >= 0),
  encumbered   bigint NOT NULL DEFAULT 0 CHECK (encumbered >= 0),
  PRIMARY KEY (contract_id, fiscal_year)
);
CREATE INDEX contract_commitments_fiscal_year_idx ON contract_commitments (fiscal_year);

-- v1's contracts lie within one fiscal year: an approved one encumbered its whole amount there;
-- a draft or submitted one plans it there.
INSERT INTO contract_commitments (contract_id, fiscal_year, amount, encumbered)
SELECT id, fiscal_year, amount, CASE WHEN status = 'approved' THEN amount ELSE 0 END
FROM contracts WHERE status IN ('draft', 'submitted', 'approved');

CREATE TYPE amendment_status AS ENUM ('submitted', 'approved', 'rejected');

CREATE TABLE contract_amendments (
  id                     uuid PRIMARY KEY,
  contract_id            uuid NOT NULL REFERENCES contracts (id),
  status                 amendment_status NOT NULL,
  amount                 bigint NOT NULL CHECK (amount > 0),
  previous_amount        bigint NOT NULL CHECK (previous_amount > 0),
  end_date               date NOT NULL,
  previous_end_date      date NOT NULL,
  schedule               jsonb,
  reason                 text NOT NULL,
  route                  approver_rank[] NOT NULL,
  requested_by           text NOT NULL,
  requested_by_signature jsonb NOT NULL,
  requested_at           timestamptz(3) NOT NULL,
  decided_at             timestamptz(3),
  rejected_by            text,
  rejection_reason       text
);
CREATE INDEX contract_amendments_contract_id_idx ON contract_amendments (contract_id);

CREATE TABLE amendment_approvals (
  amendment_id uuid NOT NULL REFERENCES contract_amendments (id),
  step         integer NOT NULL CHECK (step >= 1),
  approver     text NOT NULL,
  display_name text,
  title        text,
  rank         approver_rank,
  comment      text,
  at           timestamptz(3) NOT NULL,
  PRIMARY KEY (amendment_id, step),
  UNIQUE (amendment_id, approver)
);

-- 予算現額 = amount + transfers in − transfers out; encumbrance stays within it.
ALTER TABLE budgets
  ADD COLUMN transfers_in  bigint NOT NULL DEFAULT 0 CHECK (transfers_in >= 0),
  ADD COLUMN transfers_out bigint NOT NULL DEFAULT 0 CHECK (transfers_out >= 0),
  DROP CONSTRAINT budgets_encumbered_within_amount,
  ADD CONSTRAINT budgets_encumbered_within_current_amount
    CHECK (encumbered <= amount + transfers_in - transfers_out);

CREATE TABLE budget_transfers (
  id                     uuid PRIMARY KEY,
  fiscal_year            integer NOT NULL,
  from_code              text NOT NULL,
  to_code                text NOT NULL,
  amount                 bigint NOT NULL CHECK (amount > 0),
  reason                 text NOT NULL,
  status                 change_status NOT NULL,
  requested_by           text NOT NULL,
  requested_by_signature jsonb NOT NULL,
  requested_at           timestamptz(3) NOT NULL,
  decided_by             text,
  decided_by_signature   jsonb,
  decided_at             timestamptz(3),
  rejection_reason       text,
  FOREIGN KEY (fiscal_year, from_code) REFERENCES budgets (fiscal_year, code),
  FOREIGN KEY (fiscal_year, to_code) REFERENCES budgets (fiscal_year, code)
);
CREATE INDEX budget_transfers_fiscal_year_idx ON budget_transfers (fiscal_year);

-- 出納閉鎖, as the payment service announced it (FiscalYearClosed).
CREATE TABLE closed_fiscal_years (
  fiscal_year integer PRIMARY KEY,
  closed_by   text NOT NULL,
  closed_at   timestamptz(3) NOT NULL
);
