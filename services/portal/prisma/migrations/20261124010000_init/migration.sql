-- The portal's users: city staff and vendors' portal logins. Passwords are stored only as
-- scrypt hashes (src/domain/password.ts).
CREATE TABLE users (
  username      text PRIMARY KEY,
  password_hash text NOT NULL,
  roles         text[] NOT NULL,
  vendor_id     uuid,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  created_by    text,
  -- A vendor login acts for exactly one vendor; staff act for none.
  CONSTRAINT users_vendor_binding CHECK (('vendor' = ANY (roles)) = (vendor_id IS NOT NULL))
);
CREATE INDEX users_vendor_id ON users (vendor_id) WHERE vendor_id IS NOT NULL;
