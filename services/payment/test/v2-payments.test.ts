import { addCalendarDays, fiscalYearOf } from '@denpyo/jp';
import type { RunningService } from '@denpyo/platform';
import { eventually } from '@denpyo/platform/testing';
import type { Payment, TransferBatch } from '@denpyo/schemas';
import request from 'supertest';
import {
  as,
  confirmPayment,
  orderConfirmedPayment,
  orderPayment,
  publish,
  registerVendor,
  serviceToday,
  startPaymentService,
} from './helpers';

// API.md "v2 — payments: order, confirm, pay" over HTTP, on the service's pinned today.
let service: RunningService;
let vendorId: string;
const today = serviceToday();
const api = () => request(service.app);
const treasurer = () => as('treasurer', 'treasurer');
const treasurer2 = () => as('treasurer', 'treasurer2');

beforeAll(async () => {
  service = await startPaymentService(today);
  vendorId = (await registerVendor(service, { kind: 'individual', name: '山田 太郎' })).vendorId;
});
afterAll(() => service.stop());

async function outbox(type: string, key: string): Promise<Record<string, unknown>[]> {
  const { rows } = await service.runtime.pool.query<{ payload: Record<string, unknown> }>(
    `SELECT envelope->'payload' AS payload FROM outbox WHERE envelope->>'type' = $1 AND key = $2`,
    [type, key],
  );
  return rows.map((row) => row.payload);
}

async function batchOf(paymentIds: string[], body: Record<string, unknown> = {}) {
  return api()
    .post('/api/transfer-batches')
    .set('Authorization', await treasurer())
    .send({ transferDate: today, paymentIds, ...body });
}

async function approvedBatch(paymentIds: string[], body: Record<string, unknown> = {}) {
  const created = await batchOf(paymentIds, body);
  expect(created.status).toBe(201);
  await api()
    .post(`/api/transfer-batches/${created.body.id}/approve`)
    .set('Authorization', await treasurer2())
    .expect(200);
  return created.body as TransferBatch;
}

const paymentsOfInvoiceOf = async (id: string) =>
  (
    await api()
      .get('/api/payments')
      .query({ invoiceId: (await paymentById(id)).invoiceId })
      .set('Authorization', await as('auditor'))
  ).body as Payment[];

async function paymentById(id: string): Promise<Payment> {
  const { rows } = await service.runtime.pool.query<{ invoice_id: string }>(
    'SELECT invoice_id FROM payments WHERE id = $1',
    [id],
  );
  const res = await api()
    .get('/api/payments')
    .query({ invoiceId: rows[0]!.invoice_id })
    .set('Authorization', await as('auditor'));
  return (res.body as Payment[]).find((p) => p.id === id)!;
}

describe('confirming a payment order (地方自治法 Art. 232-4)', () => {
  test('a treasurer confirms; the orderer and other roles cannot; only once', async () => {
    const ordered = await orderPayment(service, vendorId, { orderedBy: 'treasurer2' });
    expect(ordered).toMatchObject({ status: 'scheduled', orderedBy: 'treasurer2' });
    for (const authorization of [await as('accountant'), await as('procurement')]) {
      await api()
        .post(`/api/payments/${ordered.id}/confirm`)
        .set('Authorization', authorization)
        .send({})
        .expect(403);
    }
    await api()
      .post(`/api/payments/${ordered.id}/confirm`)
      .set('Authorization', await treasurer2())
      .send({})
      .expect(403);
    const confirmed = await api()
      .post(`/api/payments/${ordered.id}/confirm`)
      .set('Authorization', await treasurer())
      .send({})
      .expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      confirmedBy: 'treasurer',
      confirmedBySignature: { username: 'treasurer', displayName: '試験 treasurer' },
      confirmedAt: expect.any(String),
    });
    expect(await outbox('PaymentConfirmed', ordered.id)).toEqual([
      expect.objectContaining({ paymentId: ordered.id, confirmedBy: 'treasurer' }),
    ]);
    await api()
      .post(`/api/payments/${ordered.id}/confirm`)
      .set('Authorization', await treasurer())
      .send({})
      .expect(409);
  });

  test('an unconfirmed payment cannot be batched (422 naming it); accountants cannot batch', async () => {
    const scheduled = await orderPayment(service, vendorId);
    const refused = await batchOf([scheduled.id]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { path: 'paymentIds.0', message: expect.stringContaining('not yet confirmed') },
    ]);
    const confirmed = await confirmPayment(service, scheduled.id);
    await api()
      .post('/api/transfer-batches')
      .set('Authorization', await as('accountant'))
      .send({ transferDate: today, paymentIds: [confirmed.id] })
      .expect(403);
  });
});

describe('batches: late reasons, cancel and re-date', () => {
  test('a transfer after a due date needs a lateReason, which is recorded', async () => {
    const late = await orderConfirmedPayment(service, vendorId, {
      dueDate: addCalendarDays(today, -1),
    });
    const refused = await batchOf([late.id]);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({
      path: 'paymentIds.0',
      message: expect.stringContaining('lateReason'),
    });
    const created = await batchOf([late.id], { lateReason: '請求書の回付が遅れたため' });
    expect(created.status).toBe(201);
    expect(created.body.lateReason).toBe('請求書の回付が遅れたため');

    // Re-dating follows the same rule; cancelling returns the payment to confirmed.
    const later = addCalendarDays(today, 7);
    const noReason = await api()
      .post(`/api/transfer-batches/${created.body.id}/transfer-date`)
      .set('Authorization', await treasurer())
      .send({ transferDate: later });
    expect([noReason.status, noReason.body.errors?.[0]?.path]).toEqual([422, 'paymentIds.0']);
    const cancelled = await api()
      .post(`/api/transfer-batches/${created.body.id}/cancel`)
      .set('Authorization', await treasurer())
      .send({ reason: '振込日変更のため' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', paymentIds: [late.id] });
    expect((await paymentById(late.id)).status).toBe('confirmed');
    await api()
      .post(`/api/transfer-batches/${created.body.id}/cancel`)
      .set('Authorization', await treasurer())
      .send({})
      .expect(409);
  });
});

describe('settlement with failures, retry and late interest', () => {
  test('before the transfer date settlement is refused', async () => {
    const p = await orderConfirmedPayment(service, vendorId);
    const future = await batchOf([p.id], { transferDate: addCalendarDays(today, 7) });
    const date = future.body.transferDate as string;
    await api()
      .post(`/api/transfer-batches/${future.body.id}/approve`)
      .set('Authorization', await treasurer2())
      .expect(200);
    const early = await api()
      .post(`/api/transfer-batches/${future.body.id}/settle`)
      .set('Authorization', await treasurer())
      .send({})
      .expect(422);
    expect(early.body.detail).toContain(date);
  });

  test('one failure, one paid with withholding, and ¥15,000 interest on a 22-day late payment', async () => {
    // Borne by the previous year, not the year of its due date: the events carry the former.
    const previousYear = fiscalYearOf(today) - 1;
    const withheld = await orderConfirmedPayment(service, vendorId, {
      amount: 100_000,
      withholdingTax: 10_210,
      netAmount: 89_790,
      fiscalYear: previousYear,
    });
    const failing = await orderConfirmedPayment(service, vendorId, { amount: 50_000 });
    const late = await orderConfirmedPayment(service, vendorId, {
      amount: 10_000_000,
      dueDate: addCalendarDays(today, -22),
      contractConcludedOn: '2026-04-15',
      orderedBy: 'accountant',
    });
    const batch = await approvedBatch([withheld.id, failing.id, late.id], {
      lateReason: '予算流用の決裁待ち',
    });
    expect(batch.total).toBe(89_790 + 50_000 + 10_000_000);

    const stranger = await orderConfirmedPayment(service, vendorId);
    const wrong = await api()
      .post(`/api/transfer-batches/${batch.id}/settle`)
      .set('Authorization', await treasurer())
      .send({ failures: [{ paymentId: stranger.id, reason: '口座なし' }] })
      .expect(422);
    expect(wrong.body.errors).toEqual([
      { path: 'failures.0.paymentId', message: expect.stringContaining(stranger.id) },
    ]);

    const settle = async () =>
      api()
        .post(`/api/transfer-batches/${batch.id}/settle`)
        .set('Authorization', await treasurer())
        .send({ failures: [{ paymentId: failing.id, reason: '口座なし' }] });
    const settled = await settle();
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({
      status: 'settled',
      failures: [{ paymentId: failing.id, reason: '口座なし' }],
    });
    expect((await settle()).status).toBe(409);

    expect(await paymentById(failing.id)).toMatchObject({
      status: 'failed',
      failureReason: '口座なし',
    });
    expect(await outbox('PaymentFailed', failing.id)).toEqual([
      expect.objectContaining({ reason: '口座なし', batchId: batch.id }),
    ]);
    expect(await outbox('PaymentExecuted', withheld.id)).toEqual([
      expect.objectContaining({
        kind: 'invoice',
        withholdingTax: 10_210,
        netAmount: 89_790,
        fiscalYear: previousYear,
      }),
    ]);

    // The interest: a payment of its own, scheduled, ordered by the original's orderer.
    const interest = (await paymentsOfInvoiceOf(late.id)).find((p) => p.kind === 'late-interest');
    expect(interest).toMatchObject({
      kind: 'late-interest',
      amount: 15_000,
      withholdingTax: 0,
      netAmount: 15_000,
      status: 'scheduled',
      orderedBy: 'accountant',
      lateInterest: { paymentId: late.id, days: 22, ratePercent: '2.5', principal: 10_000_000 },
    });
    expect(await outbox('PaymentScheduled', interest!.id)).toEqual([
      expect.objectContaining({ kind: 'late-interest', amount: 15_000 }),
    ]);
    const { rows } = await service.runtime.pool.query(
      `SELECT count(*)::int AS n FROM payments WHERE origin_payment_id = $1`,
      [late.id],
    );
    expect(rows[0].n).toBe(1);

    // A failed payment returns only after its account is corrected, or with sameAccount.
    const retry = async (body: Record<string, unknown>) =>
      api()
        .post(`/api/payments/${failing.id}/retry`)
        .set('Authorization', await treasurer())
        .send(body);
    expect((await retry({})).status).toBe(422);
    const corrected = {
      bankCode: '0005',
      branchCode: '100',
      type: 'ordinary' as const,
      number: '7777777',
      holderKana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
    };
    await publish(service, 'VendorBankAccountChanged', vendorId, {
      vendorId,
      changeId: crypto.randomUUID(),
      bankAccount: corrected,
      requestedBy: 'procurement',
      approvedBy: 'procurement2',
      approvedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await paymentById(failing.id)).payeeAccount).toEqual(corrected),
    );
    // The settled batch keeps the account it paid.
    expect((await paymentById(withheld.id)).payeeAccount).not.toEqual(corrected);
    const retried = await retry({ note: '口座訂正済み' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'confirmed', failureReason: '口座なし' });
    expect(retried.body.batchId).toBeUndefined();
    const again = await approvedBatch([failing.id]);
    const zengin = await api()
      .get(`/api/transfer-batches/${again.id}/zengin`)
      .set('Authorization', await treasurer())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((zengin.body as Buffer).toString('latin1')).toContain('7777777');
  });

  test('a draft batch follows a bank-account change; an approved one keeps its account', async () => {
    const other = (await registerVendor(service)).vendorId;
    const inDraft = await orderConfirmedPayment(service, other);
    const inApproved = await orderConfirmedPayment(service, other);
    const draft = await batchOf([inDraft.id]);
    await approvedBatch([inApproved.id]);
    const account = {
      bankCode: '0005',
      branchCode: '100',
      type: 'ordinary' as const,
      number: '1111111',
      holderKana: 'ｶ)ｼﾝｺｳｻﾞ',
    };
    await publish(service, 'VendorBankAccountChanged', other, {
      vendorId: other,
      changeId: crypto.randomUUID(),
      bankAccount: account,
      requestedBy: 'procurement',
      approvedBy: 'accountant',
      approvedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await paymentById(inDraft.id)).payeeAccount).toEqual(account),
    );
    expect((await paymentById(inApproved.id)).payeeAccount).not.toEqual(account);
    const { rows } = await service.runtime.pool.query(
      `SELECT payee_account->>'number' AS number FROM transfer_batch_items WHERE batch_id = $1`,
      [draft.body.id],
    );
    expect(rows).toEqual([{ number: '1111111' }]);
  });
});

describe('the withholding ledger (所得税法 Art. 204, 216)', () => {
  test('lists the month of the transfer date with totals and the due day of the tax', async () => {
    const month = today.slice(0, 7);
    await eventually(async () => {
      const ledger = await api()
        .get('/api/withholding-ledger')
        .query({ month })
        .set('Authorization', await as('accountant'))
        .expect(200);
      expect(ledger.body).toContainEqual(
        expect.objectContaining({
          vendorId,
          vendorName: '山田 太郎',
          vendorKind: 'individual',
          amount: 100_000,
          withholdingTax: 10_210,
          netAmount: 89_790,
        }),
      );
    });
    const summary = await api()
      .get('/api/withholding-ledger/summary')
      .query({ month })
      .set('Authorization', await as('auditor'))
      .expect(200);
    expect(summary.body).toMatchObject({ month, withholdingTax: 10_210, netAmount: 89_790 });
    expect(summary.body.paymentDueTo.slice(8)).toMatch(/^1\d$/);
    const annual = await api()
      .get('/api/withholding-ledger/annual')
      .query({ year: today.slice(0, 4), format: 'csv' })
      .set('Authorization', await treasurer())
      .responseType('blob')
      .expect(200);
    expect((annual.body as Buffer).toString('utf8')).toContain('山田 太郎,個人,1,100000,10210');
    await api()
      .get('/api/withholding-ledger')
      .query({ month })
      .set('Authorization', await as('procurement'))
      .expect(403);
    await api()
      .get('/api/withholding-ledger')
      .query({ month: '2026-13' })
      .set('Authorization', await as('accountant'))
      .expect(400);
  });
});

describe('the fiscal-year close (出納閉鎖, 地方自治法 Art. 235-5)', () => {
  let june: RunningService;
  beforeAll(async () => {
    june = await startPaymentService('2027-06-01');
  });
  afterAll(() => june.stop());

  test('allowed from June 1, once; afterwards the year is not confirmed and its orders are kept as refused', async () => {
    const vendor = (await registerVendor(june)).vendorId;
    const open2026 = await orderPayment(june, vendor, { fiscalYear: 2026, dueDate: '2027-05-20' });
    const close = async (year: number) =>
      request(june.app)
        .post(`/api/fiscal-years/${year}/close`)
        .set('Authorization', await treasurer());
    expect((await close(2027)).status).toBe(422);

    // The bank has been told to pay an approved batch of 2026: the year waits for its result.
    const draftOf = async (paymentId: string) => {
      const created = await request(june.app)
        .post('/api/transfer-batches')
        .set('Authorization', await treasurer())
        .send({ transferDate: '2027-06-01', paymentIds: [paymentId], lateReason: '決裁遅延' });
      expect(created.status).toBe(201);
      return created.body as TransferBatch;
    };
    const order2026 = { fiscalYear: 2026, dueDate: '2027-05-20' };
    const approve = async (id: string) =>
      request(june.app)
        .post(`/api/transfer-batches/${id}/approve`)
        .set('Authorization', await treasurer2());
    const inFlight = await draftOf((await orderConfirmedPayment(june, vendor, order2026)).id);
    const draft = await draftOf((await orderConfirmedPayment(june, vendor, order2026)).id);
    expect((await approve(inFlight.id)).status).toBe(200);
    const stranded = await close(2026);
    expect(stranded.status).toBe(422);
    expect(stranded.body.detail).toContain(inFlight.id);
    expect(stranded.body.detail).not.toContain(draft.id);
    await request(june.app)
      .post(`/api/transfer-batches/${inFlight.id}/settle`)
      .set('Authorization', await treasurer())
      .send({})
      .expect(200);

    const closed = await close(2026);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      fiscalYear: 2026,
      status: 'closed',
      closedBy: 'treasurer',
    });
    expect((await close(2026)).status).toBe(409);
    // A draft of the closed year is not approved: it would pay in a closed year.
    const late = await approve(draft.id);
    expect(late.status).toBe(422);
    expect(late.body.detail).toContain('2026');
    const refused = await request(june.app)
      .post(`/api/payments/${open2026.id}/confirm`)
      .set('Authorization', await treasurer())
      .send({});
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('2026');
    const years = await request(june.app)
      .get('/api/fiscal-years')
      .set('Authorization', await as('auditor'))
      .expect(200);
    expect(years.body).toContainEqual(
      expect.objectContaining({ fiscalYear: 2026, status: 'closed' }),
    );

    const lateOrder = await publish(june, 'PaymentOrdered', crypto.randomUUID(), {
      invoiceId: crypto.randomUUID(),
      contractId: crypto.randomUUID(),
      vendorId: vendor,
      invoiceNumber: 'INV-LATE',
      amount: 1_000,
      dueDate: '2027-05-20',
      orderedBy: 'accountant',
      documentNumber: 'R8-支出-9999',
      fiscalYear: 2026,
    });
    await eventually(async () => {
      const { rows } = await june.runtime.pool.query(
        `SELECT entity_id FROM audit_log WHERE action = 'payment.order-refused'`,
      );
      expect(rows).toEqual([{ entity_id: lateOrder.payload.invoiceId }]);
    });
  });
});
