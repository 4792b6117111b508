import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startService, type RunningService } from '@denpyo/platform';
import { upgradeAcross, testServiceEnv } from '@denpyo/platform/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { paymentService } from '../src/service';
import { as, TEST_REQUESTER_ENV } from './helpers';

// Payments made under v1 keep moving under v2: a database with a payment in each v1 status is
// migrated, then the service carries on with it (settles the approved batch, approves the draft).
const V1_ACCOUNT = `{"bankCode":"0001","branchCode":"001","type":"ordinary","number":"1234567","holderKana":"ｶ)ﾃｽﾄ"}`;
const TODAY = '2027-06-01'; // a Tuesday, the day both v1 batches transfer

const vendor = randomUUID();
const batches = { draft: randomUUID(), approved: randomUUID(), settled: randomUUID() };
const ids = {
  scheduled: randomUUID(),
  inDraft: randomUUID(),
  inApproved: randomUUID(),
  paid: randomUUID(),
  failedInBatch: randomUUID(),
  failedLoose: randomUUID(),
};

async function seedV1(before: Pool): Promise<void> {
  await before.query(
    `INSERT INTO vendors (id, name, name_kana, bank_code, branch_code, account_type,
       account_number, holder_kana, updated_at)
     VALUES ($1, 'v', 'ブイ', '0001', '001', 'ordinary', '1234567', 'ｶ)ﾃｽﾄ', now())`,
    [vendor],
  );
  const batchRows: [string, string, string][] = [
    [batches.draft, 'draft', TODAY],
    [batches.approved, 'approved', TODAY],
    [batches.settled, 'settled', '2027-04-09'],
  ];
  for (const [id, status, transferDate] of batchRows) {
    await before.query(
      `INSERT INTO transfer_batches (id, status, transfer_date, count, total, created_by,
         created_at, approved_by, approved_at, settled_by, settled_at)
       VALUES ($1, $2, $3, 1, 1000, 'alice', now(),
         CASE WHEN $2 <> 'draft' THEN 'bob' END, CASE WHEN $2 <> 'draft' THEN now() END,
         CASE WHEN $2 = 'settled' THEN 'bob' END, CASE WHEN $2 = 'settled' THEN now() END)`,
      [id, status, transferDate],
    );
  }
  // [id, status, batch, created_at (UTC), due date, transfer date]
  const payments: [string, string, string | null, string, string, string | null][] = [
    // Ordered in March (FY2026), due in April: the due date's year would be FY2027.
    [ids.scheduled, 'scheduled', null, '2027-03-20T03:00:00Z', '2027-04-19', null],
    // 2027-04-01 00:30 in Japan (FY2027), still March 31 in UTC.
    [ids.inDraft, 'batched', batches.draft, '2027-03-31T15:30:00Z', '2027-06-30', null],
    [ids.inApproved, 'batched', batches.approved, '2027-05-10T01:00:00Z', '2027-06-09', null],
    [ids.paid, 'paid', batches.settled, '2027-03-10T01:00:00Z', '2027-04-09', '2027-04-09'],
    // v1 never wrote 'failed', but its CHECK allowed it, in a batch or out of one.
    [ids.failedInBatch, 'failed', batches.settled, '2027-03-10T01:00:00Z', '2027-04-09', null],
    [ids.failedLoose, 'failed', null, '2027-03-10T01:00:00Z', '2027-04-09', null],
  ];
  for (const [id, status, batchId, createdAt, dueDate, transferDate] of payments) {
    await before.query(
      `INSERT INTO payments (id, invoice_id, contract_id, vendor_id, invoice_number, amount,
         due_date, status, transfer_date, batch_id, payee_account, created_at)
       VALUES ($1, $2, $3, $4, 'INV-1', 1000, $5, $6, $7, $8,
         CASE WHEN $8::uuid IS NULL THEN NULL ELSE $9::jsonb END, $10)`,
      [
        id,
        randomUUID(),
        randomUUID(),
        vendor,
        dueDate,
        status,
        transferDate,
        batchId,
        V1_ACCOUNT,
        createdAt,
      ],
    );
  }
}

let pool: Pool;
let schema: string;

beforeAll(async () => {
  ({ pool, schema } = await upgradeAcross(
    join(__dirname, '..', 'prisma', 'migrations'),
    '20261127010000_v2_payments',
    seedV1,
  ));
});
afterAll(() => pool?.end());

interface MigratedPayment {
  id: string;
  status: string;
  batch_id: string | null;
  fiscal_year: number;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  failure_reason: string | null;
  payee_account: unknown;
}

test('v1 payments get the fiscal year of their order day in Japan and an honest confirmation', async () => {
  const { rows } = await pool.query<MigratedPayment>(
    `SELECT id, status, batch_id, fiscal_year, confirmed_by, confirmed_at, failure_reason,
       payee_account FROM payments`,
  );
  const row = (id: string) => rows.find((candidate) => candidate.id === id);
  // Never confirmed by a treasurer: still waits for one.
  expect(row(ids.scheduled)).toMatchObject({
    status: 'scheduled',
    fiscal_year: 2026,
    confirmed_by: null,
  });
  // Batched or paid under v1 without a treasurer: confirmed_by names v1, with no time.
  for (const id of [ids.inDraft, ids.inApproved, ids.paid, ids.failedInBatch]) {
    expect(row(id)).toMatchObject({ confirmed_by: 'v1', confirmed_at: null });
  }
  expect(row(ids.inDraft)).toMatchObject({ status: 'batched', fiscal_year: 2027 });
  expect(row(ids.inApproved)).toMatchObject({ status: 'batched', fiscal_year: 2027 });
  expect(row(ids.paid)).toMatchObject({ status: 'paid', fiscal_year: 2026 });
  expect(row(ids.failedInBatch)).toMatchObject({
    status: 'failed',
    batch_id: batches.settled,
    failure_reason: expect.stringContaining('v1'),
  });
  // A failed payment in no batch was never paid: it is ordered again, to be confirmed.
  expect(row(ids.failedLoose)).toMatchObject({
    status: 'scheduled',
    batch_id: null,
    confirmed_by: null,
    payee_account: JSON.parse(V1_ACCOUNT),
  });

  const items = await pool.query(
    `SELECT batch_id, payment_id, net_amount::int8::text, result, failure_reason
     FROM transfer_batch_items ORDER BY batch_id, payment_id`,
  );
  expect(items.rows).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ payment_id: ids.inDraft, result: null, net_amount: '1000' }),
      expect.objectContaining({ payment_id: ids.inApproved, result: null }),
      expect.objectContaining({ payment_id: ids.paid, result: 'paid' }),
      expect.objectContaining({
        payment_id: ids.failedInBatch,
        result: 'failed',
        failure_reason: expect.stringContaining('v1'),
      }),
    ]),
  );
  expect(items.rows).toHaveLength(4);
});

describe('the service on a migrated v1 database', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startService(paymentService, {
      ...testServiceEnv('payment', { DB_SCHEMA: schema, DENPYO_TODAY: TODAY }),
      ...TEST_REQUESTER_ENV,
    });
  });
  afterAll(() => service.stop());
  const api = () => request(service.app);

  test("settles v1's approved batch and approves its draft", async () => {
    const settled = await api()
      .post(`/api/transfer-batches/${batches.approved}/settle`)
      .set('Authorization', await as('treasurer', 'treasurer'))
      .send({});
    expect(settled.status).toBe(200);
    const { rows } = await service.runtime.pool.query<{ payload: Record<string, unknown> }>(
      `SELECT envelope->'payload' AS payload FROM outbox
       WHERE envelope->>'type' = 'PaymentExecuted' AND key = $1`,
      [ids.inApproved],
    );
    expect(rows).toEqual([{ payload: expect.objectContaining({ fiscalYear: 2027 }) }]);

    const approved = await api()
      .post(`/api/transfer-batches/${batches.draft}/approve`)
      .set('Authorization', await as('treasurer', 'treasurer'));
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', paymentIds: [ids.inDraft] });
  });

  test('retries the v1 failed transfer once its account is stated right', async () => {
    const retried = await api()
      .post(`/api/payments/${ids.failedInBatch}/retry`)
      .set('Authorization', await as('treasurer', 'treasurer'))
      .send({ sameAccount: true });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'confirmed', confirmedBy: 'v1' });
  });
});
