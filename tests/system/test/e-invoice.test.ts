import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { corporateNumberCheckDigit } from '@denpyo/jp';
import { waitFor } from '@denpyo/platform/testing';
import { signInDemoUsers, startSystem, type RunningSystem } from './support/system';
import { zenginRecords } from './support/zengin';

// API.md "v2 — e-invoices (JP PINT)" through the portal: a JP PINT invoice (the jp-pint
// package's multi-rate vector: 10%, 8% and exempt lines) sent as XML, received with its figures
// as stated, its original downloadable byte for byte, then carried through inspection, the
// payment order, the treasurer's confirmation and a four-eyes batch to the Zengin file, whose
// data record carries the invoice's payable amount.

const TODAY = '2026-12-07'; // a Monday: a bank business day, the batch's transfer date
const FISCAL_YEAR = 2026;
const BUDGET_CODE = '02.01.03.09';
const CORPORATE_NUMBER = `${corporateNumberCheckDigit('456789012345')}456789012345`;
const T_NUMBER = `T${CORPORATE_NUMBER}`;
const VECTOR = join(
  __dirname,
  '..',
  '..',
  '..',
  'packages',
  'jp-pint',
  'test',
  'vectors',
  'invoice-multi-rate.xml',
);

describe('a JP PINT e-invoice carried to the Zengin file, through the portal', () => {
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  beforeAll(async () => {
    system = await startSystem({ today: TODAY });
    Object.assign(
      tokens,
      await signInDemoUsers(system, [
        'procurement',
        'procurement2',
        'approver',
        'accountant',
        'treasurer',
        'treasurer2',
      ]),
    );
  }, 60_000);
  afterAll(() => system?.stop());

  it('receives the XML as stated and pays its payable amount in the Zengin data record', async () => {
    await api()
      .post('/api/budgets')
      .set(as('accountant'))
      .send({ fiscalYear: FISCAL_YEAR, code: BUDGET_CODE, name: '委託料', amount: 5_000_000 })
      .expect(201);
    const vendor = await api()
      .post('/api/vendors')
      .set(as('procurement'))
      .send({
        name: '株式会社みなと設備',
        nameKana: 'カブシキガイシャミナトセツビ',
        corporateNumber: CORPORATE_NUMBER,
        invoiceRegistrationNumber: T_NUMBER,
        // The account the vector's PaymentMeans states.
        bankAccount: {
          bankCode: '0001',
          branchCode: '001',
          type: 'ordinary',
          number: '1234567',
          holderKana: 'カ）ミナトセツビ',
        },
      })
      .expect(201);
    const draft = await api()
      .post('/api/contracts')
      .set(as('procurement'))
      .send({
        vendorId: vendor.body.id,
        title: '庁舎清掃業務',
        budgetCode: BUDGET_CODE,
        fiscalYear: FISCAL_YEAR,
        amount: 990_000,
        taxRate: 10,
        startDate: '2026-04-01',
        endDate: '2027-03-31',
      })
      .expect(201);
    const contract = draft.body as { id: string };
    await api().post(`/api/contracts/${contract.id}/submit`).set(as('procurement')).expect(200);
    const approved = await api()
      .post(`/api/contracts/${contract.id}/approve`)
      .set(as('approver'))
      .send({})
      .expect(200);
    expect(approved.body.status).toBe('approved');

    // The contract is named by its document number in cbc:BuyerReference.
    const xml = Buffer.from(
      readFileSync(VECTOR, 'utf8')
        .replaceAll('{{CONTRACT}}', approved.body.documentNumber)
        .replaceAll('{{T_NUMBER}}', T_NUMBER)
        .replaceAll('{{ISSUE_DATE}}', '2026-11-05'),
      'utf8',
    );
    // Sent once the invoice service has learnt of the contract (its event).
    const received = await waitFor(async () => {
      const response = await api()
        .post('/api/invoices/e-invoice')
        .set(as('procurement'))
        .set('Content-Type', 'application/xml')
        .send(xml);
      return response.status === 422 && /denpyo-contract-reference/.test(response.text)
        ? undefined
        : response;
    });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({
      source: 'jp-pint',
      contractId: contract.id,
      registrationNumber: T_NUMBER,
      qualified: true,
      taxes: [
        { rate: 10, base: 50_000, tax: 5_000 },
        { rate: 8, base: 3_000, tax: 240 },
        { rate: 0, base: 1_200, tax: 0 },
      ],
      total: 59_440,
      payeeAccountDiffers: false,
      originalSha256: createHash('sha256').update(xml).digest('hex'),
    });
    const invoiceId: string = received.body.id;

    const original = await api()
      .get(`/api/invoices/${invoiceId}/original`)
      .set(as('accountant'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(original.body as Buffer, xml)).toBe(0);

    await api().post(`/api/invoices/${invoiceId}/inspect`).set(as('procurement2')).expect(200);
    await api().post(`/api/invoices/${invoiceId}/approve`).set(as('accountant')).expect(200);
    const payment = await waitFor(async () => {
      const payments = await api()
        .get(`/api/payments?invoiceId=${invoiceId}`)
        .set(as('accountant'))
        .expect(200);
      return payments.body[0] as { id: string; amount: number } | undefined;
    });
    expect(payment.amount).toBe(59_440);
    await api()
      .post(`/api/payments/${payment.id}/confirm`)
      .set(as('treasurer'))
      .send({})
      .expect(200);
    const batch = await api()
      .post('/api/transfer-batches')
      .set(as('treasurer'))
      .send({ transferDate: TODAY, paymentIds: [payment.id] })
      .expect(201);
    await api()
      .post(`/api/transfer-batches/${batch.body.id}/approve`)
      .set(as('treasurer2'))
      .expect(200);

    const records = await zenginRecords(system, as('treasurer'), batch.body.id);
    expect(records.map((record) => record[0])).toEqual(['1', '2', '8', '9']);
    // The data record: the registered account, and the amount the e-invoice asked for.
    expect(records[1]!.slice(1, 5)).toBe('0001');
    expect(records[1]!.slice(43, 50)).toBe('1234567');
    expect(records[1]!.slice(80, 90)).toBe('0000059440');
  });
});
