-- Staff are people (issue 7 point 6): a display name and a title (職名) that vouchers print, a
-- rank for approvers (専決規程), and a disabled flag so a user can be stopped without losing the
-- audit trail that names them. `demo` marks the users demo mode seeds, so a start without demo
-- mode can disable them.
ALTER TABLE users
  ADD COLUMN display_name text,
  ADD COLUMN title        text,
  ADD COLUMN rank         text,
  ADD COLUMN demo         boolean NOT NULL DEFAULT false,
  ADD COLUMN disabled_at  timestamptz(3),
  ADD COLUMN disabled_by  text;

-- Until now only demo mode created users without a creator (created_by null).
UPDATE users SET demo = true WHERE created_by IS NULL;
-- Approvers existing before ranks sign as 課長, the lowest rank that approves anything alone
-- under the default delegation table; demo mode's start-up gives demo approvers their own.
UPDATE users SET rank = 'kacho' WHERE 'approver' = ANY (roles);

ALTER TABLE users
  ADD CONSTRAINT users_rank_known
    CHECK (rank IS NULL OR rank IN ('kakaricho', 'kacho', 'bucho', 'fukushicho', 'shicho')),
  -- A rank is what an approver signs with; nobody else has one.
  ADD CONSTRAINT users_rank_approvers CHECK ((rank IS NOT NULL) = ('approver' = ANY (roles))),
  ADD CONSTRAINT users_disabled_by CHECK ((disabled_at IS NULL) = (disabled_by IS NULL));
