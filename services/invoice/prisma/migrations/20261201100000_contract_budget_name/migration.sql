-- The budget line's name as the contract service prints it (ContractApproved.budgetName, with the
-- city's 款・項・目 names), for the 支出命令書. Contracts projected before keep NULL: their vouchers
-- print the national 款・節 names and 項・目 by number.
ALTER TABLE approved_contracts ADD COLUMN budget_name TEXT;
