-- Gapless document numbers per kind and fiscal year (CT-2026-000001, IV-…, PO-…), for every
-- service: a service's own migration moves its earlier counters here.
CREATE TABLE document_sequences (
  kind        text    NOT NULL,
  fiscal_year integer NOT NULL,
  last_value  bigint  NOT NULL,
  PRIMARY KEY (kind, fiscal_year)
);
