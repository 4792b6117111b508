import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startService, type RunningService } from '@denpyo/platform';
import { eventually, testServiceEnv, upgradeAcross } from '@denpyo/platform/testing';
import type { Pool } from 'pg';
import { paymentService } from '../src/service';
import { paymentOrdered, publish, TEST_REQUESTER_ENV } from './helpers';

// Contracts whose payments were ordered before the payment service read ContractApproved are
// known from those payments: their vendor is checked from then on (their amount is not known).
const vendor = randomUUID();
const legacyContract = randomUUID();

async function seedV2(before: Pool): Promise<void> {
  await before.query(
    `INSERT INTO vendors (id, name, name_kana, bank_code, branch_code, account_type,
       account_number, holder_kana, kind, updated_at)
     VALUES ($1, 'v', 'ブイ', '0001', '001', 'ordinary', '1234567', 'ｶ)ﾃｽﾄ', 'corporation', now())`,
    [vendor],
  );
  for (const amount of [1_000, 2_000]) {
    await before.query(
      `INSERT INTO payments (id, invoice_id, contract_id, vendor_id, invoice_number, kind, amount,
         withholding_tax, net_amount, due_date, fiscal_year, status, ordered_by, created_at)
       VALUES ($1, $2, $3, $4, 'INV-1', 'invoice', $5, 0, $5, '2026-12-25', 2026, 'scheduled',
         'accountant', now())`,
      [randomUUID(), randomUUID(), legacyContract, vendor, amount],
    );
  }
}

let pool: Pool;
let schema: string;
let service: RunningService;

beforeAll(async () => {
  ({ pool, schema } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261128010000_known_contracts',
    seedV2,
  ));
  service = await startService(paymentService, {
    ...testServiceEnv('payment', { DB_SCHEMA: schema, DENPYO_TODAY: '2026-12-01' }),
    ...TEST_REQUESTER_ENV,
  });
});
afterAll(async () => {
  await service?.stop();
  await pool?.end();
});

const paymentsOf = async (invoiceId: string) =>
  (await pool.query('SELECT vendor_id::text FROM payments WHERE invoice_id = $1', [invoiceId]))
    .rows;

test('learns each contract with payments, with its vendor and no amount', async () => {
  const { rows } = await pool.query(
    'SELECT id::text, vendor_id::text, amount, closed_outcome FROM known_contracts',
  );
  expect(rows).toEqual([
    { id: legacyContract, vendor_id: vendor, amount: null, closed_outcome: null },
  ]);
});

test("pays a legacy contract's vendor, not another", async () => {
  const right = paymentOrdered(vendor, { contractId: legacyContract, amount: 5_000_000 });
  const wrong = paymentOrdered(randomUUID(), { contractId: legacyContract });
  await publish(service, 'PaymentOrdered', wrong.invoiceId, wrong);
  await publish(service, 'PaymentOrdered', right.invoiceId, right);
  await eventually(async () =>
    expect(await paymentsOf(right.invoiceId)).toEqual([{ vendor_id: vendor }]),
  );
  await eventually(async () => {
    const { rows } = await pool.query(
      'SELECT status FROM parked_payment_orders WHERE invoice_id = $1',
      [wrong.invoiceId],
    );
    expect(rows).toEqual([{ status: 'refused' }]);
  });
  expect(await paymentsOf(wrong.invoiceId)).toEqual([]);
});
