// GET /api/invoices/{id}/voucher/verification: the page a voucher's QR code opens asks whether
// the hash printed on the 支出命令書 is the one the record gives now, and gets the order's total
// and payee to compare with the paper.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { buildEvent, startService, type RunningService } from '@denpyo/platform';
import { bearer, pdfText, testServiceEnv, waitFor } from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';
import { approvedContract, binary, invoiceBody, publishPaymentEvent } from './helpers';

jest.setTimeout(60_000);

let service: RunningService;
let procurement: string;
let inspector: string;
let accountant: string;

beforeAll(async () => {
  service = await startService(invoiceService, testServiceEnv('invoice', { PDF_WORKERS: 1 }));
  procurement = await bearer('procurement', { username: 'alice' });
  inspector = await bearer('procurement', { username: 'bob' });
  accountant = await bearer('accountant', { username: 'carol' });
});

afterAll(() => service.stop());

const verification = (id: string, hash?: string, auth = accountant) =>
  request(service.url)
    .get(`/api/invoices/${id}/voucher/verification`)
    .query(hash === undefined ? {} : { hash })
    .set('Authorization', auth);

/** An invoice received, inspected and, unless `approved` is false, ordered for payment. */
async function invoice(approved = true) {
  const contract = await approvedContract(service);
  const received = await request(service.url)
    .post('/api/invoices')
    .set('Authorization', procurement)
    .send(invoiceBody(contract.contractId))
    .expect(201);
  const actions: [string, string][] = [['inspect', inspector]];
  if (approved) actions.push(['approve', accountant]);
  for (const [action, auth] of actions) {
    await request(service.url)
      .post(`/api/invoices/${received.body.id}/${action}`)
      .set('Authorization', auth)
      .send({})
      .expect(200);
  }
  return { id: received.body.id as string, contract };
}

/** The hash the 支出命令書 prints in its footer, as poppler reads it back. */
async function printedHash(id: string): Promise<string> {
  const pdf = await request(service.url)
    .get(`/api/invoices/${id}/voucher.pdf`)
    .set('Authorization', accountant)
    .buffer(true)
    .parse(binary)
    .expect(200);
  const text = pdfText(pdf.body as Buffer).replace(/\s+/g, '');
  const hash = /検証用ハッシュ（SHA-256）([0-9a-f]{64})/.exec(text)?.[1];
  if (!hash) throw new Error('the voucher prints no verification hash');
  return hash;
}

it('matches the hash the printed 支出命令書 carries, and gives its total and payee', async () => {
  const { id } = await invoice();
  const printed = await printedHash(id);
  const checked = await verification(id, printed).expect(200);
  expect(checked.body).toEqual({
    documentKind: 'payment-order',
    documentNumber: expect.stringMatching(/\S/),
    title: expect.stringMatching(/\S/),
    issuedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    amount: 110_000,
    counterparty: '株式会社デンピョウ建設',
    hash: printed,
    matches: true,
  });
});

it("no longer matches a print made before the treasurer's confirmation was recorded", async () => {
  const { id, contract } = await invoice();
  const printed = await printedHash(id);
  const paymentId = randomUUID();
  const context = { actor: 'payment-service-test', correlationId: 'test-correlation' };
  const confirmed = buildEvent(
    'PaymentConfirmed',
    paymentId,
    {
      paymentId,
      invoiceId: id,
      contractId: contract.contractId,
      confirmedBy: 'treasurer',
      confirmedBySignature: {
        username: 'treasurer',
        displayName: '出納 一郎',
        title: '会計管理者',
      },
      confirmedAt: '2026-12-08T01:00:00.000Z',
    },
    context,
  );
  await publishPaymentEvent(
    service,
    buildEvent(
      'PaymentScheduled',
      paymentId,
      {
        paymentId,
        invoiceId: id,
        contractId: contract.contractId,
        vendorId: contract.vendorId,
        amount: 110_000,
        dueDate: '2026-12-30',
        kind: 'invoice',
      },
      context,
    ),
  );
  await publishPaymentEvent(service, confirmed);
  await waitFor(async () => {
    const { rows } = await service.runtime.pool.query('SELECT 1 FROM inbox WHERE event_id = $1', [
      confirmed.id,
    ]);
    return rows.length === 1;
  });
  const checked = await verification(id, printed).expect(200);
  expect(checked.body.matches).toBe(false);
  expect(checked.body.hash).toBe(await printedHash(id));
});

it('refuses before the payment order, for an unknown invoice, and for a vendor', async () => {
  const { id } = await invoice(false);
  expect((await verification(id)).status).toBe(409);
  expect((await verification(randomUUID())).status).toBe(404);
  const vendor = await bearer('vendor', { username: 'v', vendorId: randomUUID() });
  expect((await verification(id, undefined, vendor)).status).toBe(403);
});
