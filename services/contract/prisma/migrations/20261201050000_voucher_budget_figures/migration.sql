-- The 支出負担行為決議書 as the city's paper form: the city's names of a budget line's 款・項・目
-- (the 節 are national), and the budget line's figures as a contract's commitment found them
-- (予算現額, 既負担額, 今回負担額), captured once so a reprint shows the same figures. Contracts
-- approved before keep NULL and print （記録なし）.
ALTER TABLE budgets
  ADD COLUMN kan_name TEXT,
  ADD COLUMN kou_name TEXT,
  ADD COLUMN moku_name TEXT;

ALTER TABLE contracts
  ADD COLUMN budget_current_amount BIGINT,
  ADD COLUMN budget_committed_before BIGINT,
  ADD COLUMN budget_this_commitment BIGINT;
