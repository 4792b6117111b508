-- 所属 of a staff user (e.g. 福祉部 福祉課), carried on the token and the signatures: the 起案課
-- a 支出負担行為決議書 prints. Optional: users without one print their title there.
ALTER TABLE users ADD COLUMN department TEXT;
