import { randomUUID } from 'node:crypto';
import type { RunningService } from '@denpyo/platform';
import type { Payment, Remittance } from '@denpyo/schemas';
import request from 'supertest';
import {
  as,
  binary,
  nextBusinessDay,
  orderConfirmedPayment,
  orderPayment,
  registerVendor,
  startPaymentService,
} from './helpers';

let service: RunningService;
let ownVendor: string;
let otherVendor: string;
let paid: Payment;
let scheduled: Payment;
let othersPayment: Payment;

const api = () => request(service.app);

beforeAll(async () => {
  service = await startPaymentService();
  ownVendor = (
    await registerVendor(service, {
      name: '株式会社自社',
      invoiceRegistrationNumber: 'T9234567890123',
    })
  ).vendorId;
  otherVendor = (await registerVendor(service)).vendorId;
  [paid, scheduled, othersPayment] = await Promise.all([
    orderConfirmedPayment(service, ownVendor, { amount: 330_000, invoiceNumber: 'INV-PAID' }),
    orderPayment(service, ownVendor, { amount: 44_000, invoiceNumber: 'INV-LATER' }),
    orderConfirmedPayment(service, otherVendor, { amount: 55_000 }),
  ]);
  const batch = await api()
    .post('/api/transfer-batches')
    .set('Authorization', await as('treasurer', 'alice'))
    .send({ transferDate: nextBusinessDay(), paymentIds: [paid.id, othersPayment.id] });
  await api()
    .post(`/api/transfer-batches/${batch.body.id}/approve`)
    .set('Authorization', await as('treasurer', 'bob'));
  await api()
    .post(`/api/transfer-batches/${batch.body.id}/settle`)
    .set('Authorization', await as('treasurer', 'bob'));
});

afterAll(() => service.stop());

describe('GET /api/vendor/remittances', () => {
  test('shows a vendor only its own payments', async () => {
    const res = await api()
      .get('/api/vendor/remittances')
      .set('Authorization', await as('vendor', 'v1', ownVendor));
    expect(res.status).toBe(200);
    const remittances = res.body as Remittance[];
    expect(remittances.map((remittance) => remittance.paymentId).sort()).toEqual(
      [paid.id, scheduled.id].sort(),
    );
    expect(remittances).toContainEqual({
      paymentId: paid.id,
      invoiceId: paid.invoiceId,
      invoiceNumber: 'INV-PAID',
      kind: 'invoice',
      amount: 330_000,
      withholdingTax: 0,
      netAmount: 330_000,
      dueDate: paid.dueDate,
      status: 'paid',
      transferDate: expect.any(String),
      batchId: expect.any(String),
    });
    expect(remittances).toContainEqual({
      paymentId: scheduled.id,
      invoiceId: scheduled.invoiceId,
      invoiceNumber: 'INV-LATER',
      kind: 'invoice',
      amount: 44_000,
      withholdingTax: 0,
      netAmount: 44_000,
      dueDate: scheduled.dueDate,
      status: 'scheduled',
    });
  });

  test('is for vendors only', async () => {
    const res = await api()
      .get('/api/vendor/remittances')
      .set('Authorization', await as('accountant'));
    expect(res.status).toBe(403);
  });

  test('needs a token', async () => {
    expect((await api().get('/api/vendor/remittances')).status).toBe(401);
  });
});

describe('GET /api/payments/{id}/remittance-notice.pdf', () => {
  const pdf = async (id: string, authorization: string) =>
    api()
      .get(`/api/payments/${id}/remittance-notice.pdf`)
      .set('Authorization', authorization)
      .buffer(true)
      .parse(binary);

  test('serves the 振込通知書 to the vendor and to accountants', async () => {
    for (const authorization of [await as('vendor', 'v1', ownVendor), await as('accountant')]) {
      const res = await pdf(paid.id, authorization);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect((res.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  });

  test("refuses another vendor's payment and other staff roles with 403", async () => {
    expect((await pdf(othersPayment.id, await as('vendor', 'v1', ownVendor))).status).toBe(403);
    expect((await pdf(paid.id, await as('procurement'))).status).toBe(403);
  });

  test('is 409 before the payment is in an approved batch, 404 for an unknown payment', async () => {
    expect((await pdf(scheduled.id, await as('accountant'))).status).toBe(409);
    expect((await pdf(randomUUID(), await as('accountant'))).status).toBe(404);
  });
});

describe('GET /api/payments and /api/audit/payment', () => {
  test('staff filter payments; vendors may not list them', async () => {
    const res = await api()
      .get('/api/payments')
      .query({ vendorId: otherVendor })
      .set('Authorization', await as('procurement'));
    expect(res.body).toEqual([
      expect.objectContaining({
        id: othersPayment.id,
        status: 'paid',
        batchId: expect.any(String),
      }),
    ]);
    expect(
      (
        await api()
          .get('/api/payments')
          .query({ status: 'lost' })
          .set('Authorization', await as('auditor'))
      ).status,
    ).toBe(400);
    expect(
      (
        await api()
          .get('/api/payments')
          .set('Authorization', await as('vendor', 'v1', ownVendor))
      ).status,
    ).toBe(403);
  });

  test('the audit trail is searchable by counterparty and closed to other roles', async () => {
    const res = await api()
      .get('/api/audit/payment')
      .query({ counterparty: ownVendor })
      .set('Authorization', await as('auditor'));
    expect(res.status).toBe(200);
    const actions = (res.body as { action: string; entityId: string }[])
      .filter((entry) => entry.entityId === paid.id)
      .map((entry) => entry.action);
    expect(actions).toEqual([
      'payment.scheduled',
      'payment.confirmed',
      'payment.batched',
      'payment.paid',
    ]);
    expect(
      (
        await api()
          .get('/api/audit/payment')
          .set('Authorization', await as('procurement'))
      ).status,
    ).toBe(403);
  });
});
