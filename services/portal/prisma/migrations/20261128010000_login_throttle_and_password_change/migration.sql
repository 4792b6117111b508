-- Issue 8, accounts as a city needs them.
--
-- A password someone else chose (an administrator's new staff user, procurement's vendor login)
-- must be replaced by its owner at the first sign-in; until then the portal lets the user do
-- nothing but change it.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

-- Logins created by someone before this and never given a password of their own.
UPDATE users u
   SET must_change_password = true
 WHERE u.created_by IS NOT NULL
   AND NOT u.demo
   AND NOT EXISTS (
     SELECT 1 FROM audit_log a
      WHERE a.entity_type = 'user'
        AND a.entity_id = u.username
        AND a.action = 'user.password-changed'
   );

-- Sign-in attempts that failed (or are still being checked), shared by every portal instance:
-- the login throttle (src/domain/login-throttle.ts) decides from them. `account` is the
-- lower-cased username tried (known or not), `client` the address the request came from.
-- A row is written before the password is checked and removed when it was right, so
-- concurrent guesses see each other. Rows older than a day are pruned.
CREATE TABLE login_failures (
  id        bigserial PRIMARY KEY,
  account   text NOT NULL,
  client    text NOT NULL,
  failed_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_account ON login_failures (account, failed_at);
CREATE INDEX login_failures_client ON login_failures (client, failed_at);
CREATE INDEX login_failures_failed_at ON login_failures (failed_at);
