import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { upgradeAcross } from '@denpyo/platform/testing';
import type { Pool } from 'pg';

// 20261128030000: the orders refused before it only because their wait ended are judged again on
// their contract's next event; other refusals stay final. `already-scheduled` becomes a status.
const expired = randomUUID();
const final = randomUUID();
const scheduled = randomUUID();

async function seed(pool: Pool): Promise<void> {
  const rows: [string, string, string][] = [
    [expired, 'refused', 'contract c has not been seen approved, still after waiting 3600 s'],
    [final, 'refused', 'vendor v is not the vendor w of contract c'],
    [scheduled, 'scheduled', 'agrees with the contract'],
  ];
  for (const [eventId, status, reason] of rows) {
    await pool.query(
      `INSERT INTO parked_payment_orders (event_id, contract_id, invoice_id, envelope, reason,
         status, parked_at, decided_at)
       VALUES ($1, $2, $3, '{}', $4, $5, now(), now())`,
      [eventId, randomUUID(), randomUUID(), reason, status],
    );
  }
}

let pool: Pool;
beforeAll(async () => {
  ({ pool } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261128030000_revisit_expired_orders',
    seed,
  ));
});
afterAll(() => pool?.end());

test('flags the refusals that only the end of the wait made', async () => {
  const { rows } = await pool.query(
    'SELECT event_id::text, wait_expired FROM parked_payment_orders ORDER BY event_id',
  );
  expect(Object.fromEntries(rows.map((row) => [row.event_id, row.wait_expired]))).toEqual({
    [expired]: true,
    [final]: false,
    [scheduled]: false,
  });
});

test('takes already-scheduled, and still no unknown status', async () => {
  await pool.query(
    `UPDATE parked_payment_orders SET status = 'already-scheduled' WHERE event_id = $1`,
    [scheduled],
  );
  await expect(
    pool.query(`UPDATE parked_payment_orders SET status = 'paid' WHERE event_id = $1`, [scheduled]),
  ).rejects.toThrow(/parked_payment_orders_status_check/);
});
