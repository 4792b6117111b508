import { join } from 'node:path';
import { upgradeAcross } from '@denpyo/platform/testing';

// Users from before staff had names: seeded ones become demo users (a start without demo mode
// disables them), approvers sign as 課長 until demo mode or an administrator says otherwise, and
// a vendor login created by procurement stays a real, enabled login.
it('marks seeded users as demo users and gives existing approvers the rank kacho', async () => {
  const { pool } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261127010000_staff_users',
    (before) =>
      before.query(
        `INSERT INTO users (username, password_hash, roles, vendor_id, created_by) VALUES
           ('approver', 'scrypt$x', '{approver}', NULL, NULL),
           ('admin', 'scrypt$x', '{admin}', NULL, NULL),
           ('acme.clerk', 'scrypt$x', '{vendor}', '6f1c1b0e-3a51-4f43-9d0a-2d7b8f0a4c11', 'pat')`,
      ),
  );
  try {
    const { rows } = await pool.query(
      'SELECT username, demo, rank, display_name, disabled_at FROM users ORDER BY username',
    );
    expect(rows).toEqual([
      { username: 'acme.clerk', demo: false, rank: null, display_name: null, disabled_at: null },
      { username: 'admin', demo: true, rank: null, display_name: null, disabled_at: null },
      { username: 'approver', demo: true, rank: 'kacho', display_name: null, disabled_at: null },
    ]);
    // A rank belongs to approvers only.
    await expect(
      pool.query("UPDATE users SET rank = 'bucho' WHERE username = 'admin'"),
    ).rejects.toThrow(/users_rank_approvers/);
  } finally {
    await pool.end();
  }
});
