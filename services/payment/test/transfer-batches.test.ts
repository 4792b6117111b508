import { eventually, pdfText } from '@denpyo/platform/testing';
import { randomUUID } from 'node:crypto';
import type { RunningService } from '@denpyo/platform';
import type { Payment, TransferBatch } from '@denpyo/schemas';
import iconv from 'iconv-lite';
import request from 'supertest';
import {
  as,
  binary,
  nextBusinessDay,
  nextSaturday,
  nextWeekdayHoliday,
  orderConfirmedPayment,
  previousBusinessDay,
  publish,
  registerVendor,
  startPaymentService,
  TEST_REQUESTER,
} from './helpers';

let service: RunningService;
let vendorId: string;
const HOLDER_KANA = 'ｶ)ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ';

beforeAll(async () => {
  service = await startPaymentService();
  vendorId = (
    await registerVendor(service, {
      bankAccount: {
        bankCode: '0005',
        branchCode: '100',
        type: 'ordinary',
        number: '7654321',
        holderKana: HOLDER_KANA,
      },
    })
  ).vendorId;
});

afterAll(() => service.stop());

const api = () => request(service.app);

async function createBatch(
  paymentIds: string[],
  username = 'treasurer',
  transferDate = nextBusinessDay(),
) {
  return api()
    .post('/api/transfer-batches')
    .set('Authorization', await as('treasurer', username))
    .send({ transferDate, paymentIds });
}

async function approvedBatch(
  amounts: number[],
): Promise<{ batch: TransferBatch; payments: Payment[] }> {
  const payments = await Promise.all(
    amounts.map((amount) => orderConfirmedPayment(service, vendorId, { amount })),
  );
  const created = await createBatch(payments.map((payment) => payment.id));
  expect(created.status).toBe(201);
  const approved = await api()
    .post(`/api/transfer-batches/${created.body.id}/approve`)
    .set('Authorization', await as('treasurer', 'treasurer2'));
  expect(approved.status).toBe(200);
  return { batch: approved.body as TransferBatch, payments };
}

async function outboxExecuted(batchId: string): Promise<{ paymentId: string; amount: number }[]> {
  const { rows } = await service.runtime.pool.query<{
    payload: { paymentId: string; amount: number };
  }>(
    `SELECT envelope->'payload' AS payload FROM outbox
     WHERE envelope->>'type' = 'PaymentExecuted' AND envelope->'payload'->>'batchId' = $1::text`,
    [batchId],
  );
  return rows.map((row) => row.payload);
}

describe('creating a transfer batch', () => {
  test('puts confirmed payments in a draft batch and marks them batched', async () => {
    const payments = await Promise.all(
      [100_000, 23_456].map((amount) => orderConfirmedPayment(service, vendorId, { amount })),
    );
    const transferDate = nextBusinessDay();
    const res = await createBatch(
      payments.map((payment) => payment.id),
      'treasurer',
      transferDate,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      count: 2,
      total: 123_456,
      transferDate,
      createdBy: 'treasurer',
    });
    expect([...res.body.paymentIds].sort()).toEqual(payments.map((payment) => payment.id).sort());
    const listed = await api()
      .get('/api/payments')
      .query({ status: 'batched', vendorId })
      .set('Authorization', await as('auditor'));
    expect(listed.body.map((payment: Payment) => payment.id)).toEqual(
      expect.arrayContaining(res.body.paymentIds),
    );
    const inBatch = listed.body.filter((payment: Payment) =>
      res.body.paymentIds.includes(payment.id),
    );
    expect(inBatch.map((payment: Payment) => payment.batchId)).toEqual(
      res.body.paymentIds.map(() => res.body.id),
    );
    const fetched = await api()
      .get(`/api/transfer-batches/${res.body.id}`)
      .set('Authorization', await as('procurement'));
    expect(fetched.body).toEqual(res.body);
  });

  test.each([
    ['in the past', previousBusinessDay],
    ['on a Saturday', nextSaturday],
    ['on a weekday national holiday', nextWeekdayHoliday],
  ])('refuses a transfer date %s with 422 and changes nothing', async (_label, date) => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const res = await createBatch([payment.id], 'treasurer', date());
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'transferDate' })]);
    const again = await api()
      .get('/api/payments')
      .query({ invoiceId: payment.invoiceId })
      .set('Authorization', await as('treasurer'));
    expect(again.body[0].status).toBe('confirmed');
  });

  test('refuses a payment that is already batched, naming it, and changes nothing', async () => {
    const [batched, free] = await Promise.all([
      orderConfirmedPayment(service, vendorId),
      orderConfirmedPayment(service, vendorId),
    ]);
    expect((await createBatch([batched.id])).status).toBe(201);
    const res = await createBatch([free.id, batched.id]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'paymentIds.1', message: expect.stringContaining(batched.id) },
    ]);
    const freeNow = await api()
      .get('/api/payments')
      .query({ invoiceId: free.invoiceId })
      .set('Authorization', await as('treasurer'));
    expect(freeNow.body[0].status).toBe('confirmed');
  });

  test('refuses unknown payments and payments whose vendor has no known account', async () => {
    const unknownVendorPayment = await orderConfirmedPayment(service, randomUUID());
    const missing = randomUUID();
    const res = await createBatch([missing, unknownVendorPayment.id]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'paymentIds.0', message: expect.stringContaining('does not exist') },
      { path: 'paymentIds.1', message: expect.stringContaining('bank account is not known') },
    ]);
  });

  test('answers bad input with 400 and wrong roles with 403', async () => {
    const bad = await api()
      .post('/api/transfer-batches')
      .set('Authorization', await as('treasurer'))
      .send({ transferDate: '2026-02-30', paymentIds: ['x'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'transferDate',
      'paymentIds.0',
    ]);
    const procurement = await api()
      .post('/api/transfer-batches')
      .set('Authorization', await as('procurement'))
      .send({ transferDate: nextBusinessDay(), paymentIds: [randomUUID()] });
    expect(procurement.status).toBe(403);
    expect(
      (
        await api()
          .get('/api/transfer-batches/not-a-uuid')
          .set('Authorization', await as('auditor'))
      ).status,
    ).toBe(400);
    expect(
      (
        await api()
          .get(`/api/transfer-batches/${randomUUID()}`)
          .set('Authorization', await as('auditor'))
      ).status,
    ).toBe(404);
  });

  test('a repeated Idempotency-Key replays the first batch and creates no second one', async () => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const body = { transferDate: nextBusinessDay(), paymentIds: [payment.id] };
    const authorization = await as('treasurer', 'ivy');
    const send = () =>
      api()
        .post('/api/transfer-batches')
        .set('Authorization', authorization)
        .set('Idempotency-Key', `batch-${payment.id}`)
        .send(body);
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const { rows } = await service.runtime.pool.query(
      'SELECT id FROM transfer_batches WHERE created_by = $1',
      ['ivy'],
    );
    expect(rows).toEqual([{ id: first.body.id }]);
  });

  test('concurrent batches never share a payment', async () => {
    const payments = await Promise.all(
      Array.from({ length: 6 }, () => orderConfirmedPayment(service, vendorId, { amount: 1_000 })),
    );
    const ids = payments.map((payment) => payment.id);
    // Eight accountants race for overlapping pairs and the full set at once.
    const requests = [
      ...ids.map((id, i) => [id, ids[(i + 1) % ids.length] as string]),
      ids,
      [...ids].reverse(),
    ];
    const responses = await Promise.all(
      requests.map((paymentIds, i) => createBatch(paymentIds, `treasurer-${i}`)),
    );
    const created = responses
      .filter((res) => res.status === 201)
      .map((res) => res.body as TransferBatch);
    expect(responses.every((res) => res.status === 201 || res.status === 422)).toBe(true);
    expect(created.length).toBeGreaterThan(0);
    const claimed = created.flatMap((batch) => batch.paymentIds);
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const batch of created) {
      expect(batch.count).toBe(batch.paymentIds.length);
      expect(batch.total).toBe(batch.count * 1_000);
    }
    const { rows } = await service.runtime.pool.query<{ batch_id: string; n: number }>(
      'SELECT batch_id, count(*)::int AS n FROM payments WHERE id = ANY($1::uuid[]) AND batch_id IS NOT NULL GROUP BY batch_id',
      [ids],
    );
    expect(Object.fromEntries(rows.map((row) => [row.batch_id, row.n]))).toEqual(
      Object.fromEntries(created.map((batch) => [batch.id, batch.count])),
    );
  });
});

describe('approving a transfer batch (four eyes)', () => {
  test('the creator cannot approve; another treasurer can, once', async () => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const created = await createBatch([payment.id], 'alice');
    const byCreator = await api()
      .post(`/api/transfer-batches/${created.body.id}/approve`)
      .set('Authorization', await as('treasurer', 'alice'));
    expect(byCreator.status).toBe(403);
    const byApprover = await api()
      .post(`/api/transfer-batches/${created.body.id}/approve`)
      .set('Authorization', await as('approver', 'bob'));
    expect(byApprover.status).toBe(403);
    const bySecond = await api()
      .post(`/api/transfer-batches/${created.body.id}/approve`)
      .set('Authorization', await as('treasurer', 'carol'));
    expect(bySecond.status).toBe(200);
    expect(bySecond.body).toMatchObject({
      status: 'approved',
      approvedBy: 'carol',
      createdBy: 'alice',
    });
    const again = await api()
      .post(`/api/transfer-batches/${created.body.id}/approve`)
      .set('Authorization', await as('treasurer', 'dave'));
    expect(again.status).toBe(409);
  });
});

describe('the Zengin file', () => {
  test('is refused before approval', async () => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const created = await createBatch([payment.id]);
    const res = await api()
      .get(`/api/transfer-batches/${created.body.id}/zengin`)
      .set('Authorization', await as('treasurer'));
    expect(res.status).toBe(409);
  });

  test('is 120-byte Shift_JIS records with CRLF whose trailer matches the batch', async () => {
    const { batch } = await approvedBatch([100_000, 2_500_000, 37]);
    const res = await api()
      .get(`/api/transfer-batches/${batch.id}/zengin`)
      .set('Authorization', await as('treasurer', 'erin'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=Shift_JIS');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="zengin-${batch.id}.txt"`,
    );

    const bytes = res.body as Buffer;
    const recordCount = 1 + batch.count + 2;
    expect(bytes.length).toBe(recordCount * 122);
    const records = Array.from({ length: recordCount }, (_, i) => {
      const record = bytes.subarray(i * 122, i * 122 + 122);
      expect(record.subarray(120).toString('latin1')).toBe('\r\n');
      return iconv.decode(record.subarray(0, 120), 'Shift_JIS');
    });
    expect(records.map((record) => record[0])).toEqual([
      '1',
      ...Array<string>(batch.count).fill('2'),
      '8',
      '9',
    ]);

    const [header, ...rest] = records;
    expect(header?.slice(4, 14)).toBe(TEST_REQUESTER.code);
    expect(header?.slice(54, 58)).toBe(
      batch.transferDate.slice(5, 7) + batch.transferDate.slice(8, 10),
    );
    const data = rest.slice(0, batch.count);
    for (const record of data) {
      expect(record.slice(1, 5)).toBe('0005');
      expect(record.slice(20, 23)).toBe('100');
      expect(record.slice(43, 50)).toBe('7654321');
      expect(record.slice(50, 80).trimEnd()).toBe(HOLDER_KANA);
      expect(record.slice(111, 113)).toBe('7 '); // 振込指定区分 電信, no EDI (the default)
    }
    expect(data.map((record) => Number(record.slice(80, 90))).sort((a, b) => a - b)).toEqual([
      37, 100_000, 2_500_000,
    ]);
    const trailer = rest[batch.count] ?? '';
    expect(Number(trailer.slice(1, 7))).toBe(batch.count);
    expect(Number(trailer.slice(7, 19))).toBe(batch.total);
    expect(batch.total).toBe(2_600_037);

    const audit = await api()
      .get('/api/audit/payment')
      .query({ entityType: 'transfer_batch' })
      .set('Authorization', await as('auditor'));
    expect(audit.body).toContainEqual(
      expect.objectContaining({
        action: 'transfer-batch.zengin-downloaded',
        actor: 'erin',
        entityId: batch.id,
        amount: batch.total,
      }),
    );
  });

  test('pays the account that was approved even if the vendor changes it afterwards', async () => {
    const vendor = await registerVendor(service);
    const payment = await orderConfirmedPayment(service, vendor.vendorId);
    const created = await createBatch([payment.id], 'frank');
    await api()
      .post(`/api/transfer-batches/${created.body.id}/approve`)
      .set('Authorization', await as('treasurer', 'grace'));
    await publish(service, 'VendorRegistered', vendor.vendorId, {
      ...vendor,
      bankAccount: { ...vendor.bankAccount, number: '9999999' },
    });
    await eventually(async () => {
      const { rows } = await service.runtime.pool.query(
        'SELECT account_number FROM vendors WHERE id = $1',
        [vendor.vendorId],
      );
      expect(rows[0].account_number).toBe('9999999');
    });
    const res = await api()
      .get(`/api/transfer-batches/${created.body.id}/zengin`)
      .set('Authorization', await as('treasurer'))
      .buffer(true)
      .parse(binary);
    const data = iconv.decode((res.body as Buffer).subarray(122, 242), 'Shift_JIS');
    expect(data.slice(43, 50)).toBe(vendor.bankAccount.number.padStart(7, '0'));
  });
});

describe('the 総合振込依頼書 (summary sheet)', () => {
  test('is refused before approval and to anyone but the treasurer', async () => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const created = await createBatch([payment.id]);
    await api()
      .get(`/api/transfer-batches/${created.body.id}/summary.pdf`)
      .set('Authorization', await as('treasurer'))
      .expect(409);
    await api()
      .get(`/api/transfer-batches/${created.body.id}/summary.pdf`)
      .set('Authorization', await as('accountant'))
      .expect(403);
    await api()
      .get(`/api/transfer-batches/${randomUUID()}/summary.pdf`)
      .set('Authorization', await as('treasurer'))
      .expect(404);
  });

  test('gives the count and total per receiving bank and who drafted and approved', async () => {
    const { batch } = await approvedBatch([100_000, 2_500_000, 37]);
    const res = await api()
      .get(`/api/transfer-batches/${batch.id}/summary.pdf`)
      .set('Authorization', await as('treasurer'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('総合振込依頼書');
    expect(text).toMatch(new RegExp(`依頼人\\s+${TEST_REQUESTER.nameKana}`));
    expect(text).toMatch(/振込指定区分\s+電信/);
    expect(text).toMatch(/1\s+0005\s+三菱ＵＦＪ銀行\s+3件\s+2,600,037円/);
    expect(text).toMatch(/合計\s+3件\s+2,600,037円/);
    expect(text).toMatch(/起票\s+\S.*\n/);
    expect(text).toMatch(/承認\s+\S.*\n/);
  });
});

describe('a batch whose transfer date has passed (Japan date)', () => {
  // Time cannot pass in a test, so the batch is back-dated in the database directly.
  async function backDate(batchId: string): Promise<string> {
    const date = previousBusinessDay();
    await service.runtime.pool.query(
      'UPDATE transfer_batches SET transfer_date = $2::date WHERE id = $1',
      [batchId, date],
    );
    return date;
  }

  async function batchStatus(batchId: string): Promise<string> {
    const { rows } = await service.runtime.pool.query<{ status: string }>(
      'SELECT status FROM transfer_batches WHERE id = $1',
      [batchId],
    );
    return rows[0]?.status ?? 'missing';
  }

  test('is not approved: 422 naming the date, the batch stays a draft', async () => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const created = await createBatch([payment.id], 'henry');
    expect(created.status).toBe(201);
    const date = await backDate(created.body.id);
    const res = await api()
      .post(`/api/transfer-batches/${created.body.id}/approve`)
      .set('Authorization', await as('treasurer', 'irene'));
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain(date);
    expect(await batchStatus(created.body.id)).toBe('draft');
  });

  test('has no Zengin file once approved but unsettled: 422 naming the date', async () => {
    const { batch } = await approvedBatch([12_000]);
    const date = await backDate(batch.id);
    const res = await api()
      .get(`/api/transfer-batches/${batch.id}/zengin`)
      .set('Authorization', await as('treasurer'));
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain(date);
  });

  test('still has its Zengin file once settled, for the record', async () => {
    const { batch } = await approvedBatch([13_000]);
    await api()
      .post(`/api/transfer-batches/${batch.id}/settle`)
      .set('Authorization', await as('treasurer'))
      .expect(200);
    await backDate(batch.id);
    const res = await api()
      .get(`/api/transfer-batches/${batch.id}/zengin`)
      .set('Authorization', await as('treasurer'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect((res.body as Buffer).length).toBe(4 * 122);
  });
});

describe('settling a batch', () => {
  test('marks its payments paid and puts one PaymentExecuted per payment in the outbox', async () => {
    const { batch, payments } = await approvedBatch([5_000, 6_000]);
    const res = await api()
      .post(`/api/transfer-batches/${batch.id}/settle`)
      .set('Authorization', await as('treasurer'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: batch.id, status: 'settled' });
    const paid = await api()
      .get('/api/payments')
      .query({ status: 'paid', vendorId })
      .set('Authorization', await as('treasurer'));
    for (const payment of payments) {
      expect(paid.body).toContainEqual(
        expect.objectContaining({
          id: payment.id,
          status: 'paid',
          transferDate: batch.transferDate,
        }),
      );
    }
    const executed = await outboxExecuted(batch.id);
    expect(executed.map((event) => event.paymentId).sort()).toEqual(
      payments.map((payment) => payment.id).sort(),
    );
    expect(executed.reduce((sum, event) => sum + event.amount, 0)).toBe(batch.total);
  });

  test('settling twice, even at once, is 409 and never counted twice', async () => {
    const { batch } = await approvedBatch([7_000]);
    const settle = async () =>
      api()
        .post(`/api/transfer-batches/${batch.id}/settle`)
        .set('Authorization', await as('treasurer'));
    const statuses = (await Promise.all([settle(), settle()])).map((res) => res.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect((await settle()).status).toBe(409);
    expect(await outboxExecuted(batch.id)).toHaveLength(1);
  });

  test('a draft batch cannot be settled', async () => {
    const payment = await orderConfirmedPayment(service, vendorId);
    const created = await createBatch([payment.id]);
    const res = await api()
      .post(`/api/transfer-batches/${created.body.id}/settle`)
      .set('Authorization', await as('treasurer'));
    expect(res.status).toBe(409);
  });
});
