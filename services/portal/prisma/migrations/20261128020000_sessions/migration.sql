-- Issue 8, keys and tokens: sessions that can be revoked.
--
-- Access tokens live 15 minutes; a session lives longer through refresh tokens. A sign-in opens
-- a session (its id is the `sid` claim of every access token issued for it); sign-out, disabling
-- the user and the reuse of a spent refresh token revoke it, and the portal refuses an access
-- token of a revoked session at once.
CREATE TABLE sessions (
  id             uuid PRIMARY KEY,
  username       text NOT NULL REFERENCES users (username),
  created_at     timestamptz(3) NOT NULL,
  -- The session's absolute end: no refresh after it, however active the user.
  expires_at     timestamptz(3) NOT NULL,
  revoked_at     timestamptz(3),
  -- 'signed-out', 'user-disabled', 'refresh-token-reused'.
  revoked_reason text,
  CONSTRAINT sessions_revoked CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX sessions_username ON sessions (username) WHERE revoked_at IS NULL;
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Refresh tokens, single use: each refresh spends one and issues the next of the same session.
-- Only a SHA-256 of the token is kept (the token is 256 random bits, so a hash cannot be
-- guessed back); a spent token presented again revokes its whole session.
CREATE TABLE refresh_tokens (
  token_hash bytea PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  issued_at  timestamptz(3) NOT NULL,
  used_at    timestamptz(3),
  CONSTRAINT refresh_tokens_sha256 CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
