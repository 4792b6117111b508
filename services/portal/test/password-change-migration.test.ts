import { join } from 'node:path';
import { upgradeAcross } from '@denpyo/platform/testing';

// Logins someone else created before issue 8 and never given a password of their own must change
// it at their next sign-in; demo users and those who already changed theirs are left alone.
it('demands a password change of created logins that never changed the one they were given', async () => {
  const { pool } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261128010000_login_throttle_and_password_change',
    async (before) => {
      await before.query(
        `INSERT INTO users (username, password_hash, roles, vendor_id, created_by, demo) VALUES
           ('admin', 'scrypt$x', '{admin}', NULL, NULL, true),
           ('k.new', 'scrypt$x', '{auditor}', NULL, 'admin', false),
           ('k.changed', 'scrypt$x', '{auditor}', NULL, 'admin', false),
           ('acme.clerk', 'scrypt$x', '{vendor}', '6f1c1b0e-3a51-4f43-9d0a-2d7b8f0a4c11', 'pat', false)`,
      );
      await before.query(
        `INSERT INTO audit_log (actor, action, entity_type, entity_id)
         VALUES ('k.changed', 'user.password-changed', 'user', 'k.changed')`,
      );
    },
  );
  try {
    const { rows } = await pool.query(
      'SELECT username, must_change_password FROM users ORDER BY username',
    );
    expect(rows).toEqual([
      { username: 'acme.clerk', must_change_password: true },
      { username: 'admin', must_change_password: false },
      { username: 'k.changed', must_change_password: false },
      { username: 'k.new', must_change_password: true },
    ]);
  } finally {
    await pool.end();
  }
});
