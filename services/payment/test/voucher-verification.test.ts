// GET /api/transfer-batches/{id}/vendors/{vendorId}/remittance-notice/verification: the page a
// notice's QR code opens asks whether the hash printed on the 振込通知書 is the one the record
// gives now, and gets the notice's key figures to compare with the paper.
import { randomUUID } from 'node:crypto';
import type { RunningService } from '@denpyo/platform';
import { pdfText } from '@denpyo/platform/testing';
import type { Payment } from '@denpyo/schemas';
import request from 'supertest';
import {
  as,
  binary,
  nextBusinessDay,
  orderConfirmedPayment,
  registerVendor,
  startPaymentService,
} from './helpers';

let service: RunningService;
let ownVendor: string;
let otherVendor: string;
let paid: Payment;
let failing: Payment;
let batchId: string;

const api = () => request(service.app);

async function approvedBatch(paymentIds: string[]): Promise<string> {
  const batch = await api()
    .post('/api/transfer-batches')
    .set('Authorization', await as('treasurer', 'alice'))
    .send({ transferDate: nextBusinessDay(), paymentIds })
    .expect(201);
  await api()
    .post(`/api/transfer-batches/${batch.body.id}/approve`)
    .set('Authorization', await as('treasurer', 'bob'))
    .expect(200);
  return batch.body.id as string;
}

beforeAll(async () => {
  service = await startPaymentService();
  ownVendor = (await registerVendor(service, { name: '株式会社照合' })).vendorId;
  otherVendor = (await registerVendor(service)).vendorId;
  let othersPayment: Payment;
  [paid, failing, othersPayment] = await Promise.all([
    orderConfirmedPayment(service, ownVendor, { amount: 220_000 }),
    orderConfirmedPayment(service, ownVendor, { amount: 55_000 }),
    orderConfirmedPayment(service, otherVendor, { amount: 33_000 }),
  ]);
  batchId = await approvedBatch([paid.id, failing.id, othersPayment.id]);
});

afterAll(() => service.stop());

const verification = async (
  notice: { batchId: string; vendorId: string },
  hash?: string,
  authorization?: string,
) =>
  api()
    .get(
      `/api/transfer-batches/${notice.batchId}/vendors/${notice.vendorId}/remittance-notice/verification`,
    )
    .query(hash === undefined ? {} : { hash })
    .set('Authorization', authorization ?? (await as('accountant')));

/** The hash the 振込通知書 prints in its footer, as poppler reads it back. */
async function printedHash(notice: { batchId: string; vendorId: string }): Promise<string> {
  const pdf = await api()
    .get(`/api/transfer-batches/${notice.batchId}/vendors/${notice.vendorId}/remittance-notice.pdf`)
    .set('Authorization', await as('treasurer'))
    .buffer(true)
    .parse(binary)
    .expect(200);
  const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
  const hash = /検証用ハッシュ（SHA-256）([0-9a-f]{64})/.exec(text)?.[1];
  if (!hash) throw new Error('the notice prints no verification hash');
  return hash;
}

test('the printed notice matches and gives its figures, for the treasury and for the vendor', async () => {
  const notice = { batchId, vendorId: ownVendor };
  const printed = await printedHash(notice);
  const checked = await verification(notice, printed);
  expect(checked.status).toBe(200);
  expect(checked.body).toEqual({
    documentKind: 'remittance-notice',
    documentNumber: expect.stringMatching(/^振込-/),
    title: '株式会社照合',
    issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    amount: 220_000 + 55_000,
    counterparty: '株式会社照合',
    transferDate: nextBusinessDay(),
    bankAccount: {
      bankName: expect.stringMatching(/銀行$/),
      branchName: expect.any(String),
      type: '普通',
      number: '1234567',
      holderKana: 'ｶ)ﾃｽﾄｼﾖｳｼﾞ',
    },
    hash: printed,
    matches: true,
  });
  const asVendor = await verification(notice, printed, await as('vendor', 'v', ownVendor));
  expect(asVendor.status).toBe(200);
  expect(asVendor.body.matches).toBe(true);
});

test("refuses another vendor's notice, one not yet issued, and one that does not exist", async () => {
  const ownVendorUser = await as('vendor', 'v', ownVendor);
  const others = await verification({ batchId, vendorId: otherVendor }, undefined, ownVendorUser);
  expect(others.status).toBe(403);
  const draft = await api()
    .post('/api/transfer-batches')
    .set('Authorization', await as('treasurer', 'alice'))
    .send({
      transferDate: nextBusinessDay(),
      paymentIds: [(await orderConfirmedPayment(service, ownVendor)).id],
    })
    .expect(201);
  const draftId = draft.body.id as string;
  expect((await verification({ batchId: draftId, vendorId: ownVendor })).status).toBe(409);
  expect((await verification({ batchId: randomUUID(), vendorId: ownVendor })).status).toBe(404);
  const stranger = (await registerVendor(service)).vendorId;
  expect((await verification({ batchId, vendorId: stranger })).status).toBe(404);
});

test("a notice printed before the bank's result no longer matches; one printed after still does once a failed payment is retried in a new batch", async () => {
  const notice = { batchId, vendorId: ownVendor };
  const beforeSettlement = await printedHash(notice);
  await api()
    .post(`/api/transfer-batches/${batchId}/settle`)
    .set('Authorization', await as('treasurer', 'bob'))
    .send({ failures: [{ paymentId: failing.id, reason: '口座なし' }] })
    .expect(200);
  const stale = await verification(notice, beforeSettlement);
  expect(stale.status).toBe(200);
  expect(stale.body).toMatchObject({ matches: false, amount: 220_000 });

  const afterSettlement = await printedHash(notice);
  await api()
    .post(`/api/payments/${failing.id}/retry`)
    .set('Authorization', await as('treasurer'))
    .send({ sameAccount: true })
    .expect(200);
  const retryBatch = await approvedBatch([failing.id]);

  const old = await verification(notice, afterSettlement);
  expect(old.status).toBe(200);
  expect(old.body).toMatchObject({ matches: true, amount: 220_000 });
  const retried = await verification({ batchId: retryBatch, vendorId: ownVendor });
  expect(retried.body).toMatchObject({ amount: 55_000 });
  expect(retried.body.hash).not.toBe(afterSettlement);
});
