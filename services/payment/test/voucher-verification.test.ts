// GET /api/payments/{id}/remittance-notice/verification: the page a notice's QR code opens asks
// whether the hash printed on the 振込通知書 is the one the record gives now.
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
  orderPayment,
  registerVendor,
  startPaymentService,
} from './helpers';

let service: RunningService;
let ownVendor: string;
let batched: Payment;
let unbatched: Payment;
let othersPayment: Payment;
let batchId: string;

const api = () => request(service.app);

beforeAll(async () => {
  service = await startPaymentService();
  ownVendor = (await registerVendor(service, { name: '株式会社照合' })).vendorId;
  const otherVendor = (await registerVendor(service)).vendorId;
  [batched, unbatched, othersPayment] = await Promise.all([
    orderConfirmedPayment(service, ownVendor, { amount: 220_000 }),
    orderPayment(service, ownVendor, { amount: 11_000 }),
    orderConfirmedPayment(service, otherVendor, { amount: 33_000 }),
  ]);
  const batch = await api()
    .post('/api/transfer-batches')
    .set('Authorization', await as('treasurer', 'alice'))
    .send({ transferDate: nextBusinessDay(), paymentIds: [batched.id, othersPayment.id] })
    .expect(201);
  batchId = batch.body.id as string;
  await api()
    .post(`/api/transfer-batches/${batchId}/approve`)
    .set('Authorization', await as('treasurer', 'bob'))
    .expect(200);
});

afterAll(() => service.stop());

const verification = async (id: string, hash?: string, authorization?: string) =>
  api()
    .get(`/api/payments/${id}/remittance-notice/verification`)
    .query(hash === undefined ? {} : { hash })
    .set('Authorization', authorization ?? (await as('accountant')));

/** The hash the 振込通知書 prints in its footer, as poppler reads it back. */
async function printedHash(id: string): Promise<string> {
  const pdf = await api()
    .get(`/api/payments/${id}/remittance-notice.pdf`)
    .set('Authorization', await as('treasurer'))
    .buffer(true)
    .parse(binary)
    .expect(200);
  const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
  const hash = /検証用ハッシュ（SHA-256）([0-9a-f]{64})/.exec(text)?.[1];
  if (!hash) throw new Error('the notice prints no verification hash');
  return hash;
}

test('the printed notice matches, for the treasury and for the vendor it pays', async () => {
  const printed = await printedHash(batched.id);
  const checked = await verification(batched.id, printed);
  expect(checked.status).toBe(200);
  expect(checked.body).toEqual({
    documentKind: 'remittance-notice',
    documentNumber: expect.stringMatching(/^振込-/),
    title: '株式会社照合',
    issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    hash: printed,
    matches: true,
  });
  const asVendor = await verification(batched.id, printed, await as('vendor', 'v', ownVendor));
  expect(asVendor.status).toBe(200);
  expect(asVendor.body.matches).toBe(true);
});

test("refuses another vendor's notice, one not yet issued, and an unknown payment", async () => {
  const ownVendorUser = await as('vendor', 'v', ownVendor);
  expect((await verification(othersPayment.id, undefined, ownVendorUser)).status).toBe(403);
  expect((await verification(unbatched.id)).status).toBe(409);
  expect((await verification(randomUUID())).status).toBe(404);
});

test("a notice printed before the bank's result was recorded no longer matches", async () => {
  const printed = await printedHash(batched.id);
  await api()
    .post(`/api/transfer-batches/${batchId}/settle`)
    .set('Authorization', await as('treasurer', 'bob'))
    .send({})
    .expect(200);
  const checked = await verification(batched.id, printed);
  expect(checked.status).toBe(200);
  expect(checked.body.matches).toBe(false);
  expect(checked.body.hash).toBe(await printedHash(batched.id));
});
