-- Contract numbers (CT-<fiscal year>-<number>) now come from the platform's document_sequences
-- (one table for every service); the numbers taken so far carry over, so none is issued twice.
INSERT INTO document_sequences (kind, fiscal_year, last_value)
SELECT 'CT', fiscal_year, last_number FROM document_counters;
DROP TABLE document_counters;
