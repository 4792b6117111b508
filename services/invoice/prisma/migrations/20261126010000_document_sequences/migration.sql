-- Document numbers now come from the platform's document_sequences (one table for every
-- service); the numbers taken so far carry over, so no number is issued twice.
INSERT INTO document_sequences (kind, fiscal_year, last_value)
SELECT kind, fiscal_year, last_value FROM document_counters;
DROP TABLE document_counters;
