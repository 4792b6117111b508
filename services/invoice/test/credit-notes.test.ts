// JP PINT credit notes (適格返還請求書) over HTTP on the real database: received against an invoice
// of the same contract before its payment order, they reduce what is paid and release the
// reservation in one transaction; every refusal (409, 422) changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startService, type RunningService, type ServiceEnv } from '@denpyo/platform';
import { bearer, testServiceEnv } from '@denpyo/platform/testing';
import type { EInvoicePreview, Invoice } from '@denpyo/schemas';
import { invoiceService } from '../src/service';
import {
  approvedContract,
  binary,
  invoiceBody,
  outboxEvents,
  registrationNumber,
  VENDOR_REGISTRATION,
} from './helpers';

const VECTORS = join(__dirname, '..', '..', '..', 'packages', 'jp-pint', 'test', 'vectors');
/** The invoice number the credit-note vector corrects, and what it returns (20,000 + 10%). */
const CREDITED = 'INV-2026-0001';
const CREDIT = 22_000;

/** The credit-note vector against a contract, with its number and the invoice it names. */
function creditNote(
  contractId: string,
  { number = 'CN-2026-0001', invoice = CREDITED, tNumber = VENDOR_REGISTRATION } = {},
): Buffer {
  const text = readFileSync(join(VECTORS, 'credit-note.xml'), 'utf8')
    .replace('{{CONTRACT}}', contractId)
    .replace('{{T_NUMBER}}', tNumber)
    .replace('{{ISSUE_DATE}}', '2026-11-25')
    .replace('<cbc:ID>CN-2026-0001</cbc:ID>', `<cbc:ID>${number}</cbc:ID>`)
    .replace(`<cbc:ID>${CREDITED}</cbc:ID>`, `<cbc:ID>${invoice}</cbc:ID>`);
  return Buffer.from(text, 'utf8');
}

const env: ServiceEnv = testServiceEnv('invoice');
let service: RunningService;
let procurement: string;
let inspector: string;
let accountant: string;

beforeAll(async () => {
  service = await startService(invoiceService, { ...env, DENPYO_TODAY: '2026-12-07' });
  procurement = await bearer('procurement', { username: 'alice' });
  inspector = await bearer('procurement', { username: 'bob' });
  accountant = await bearer('accountant', { username: 'carol' });
});

afterAll(() => service.stop());

const receiveXml = (xml: Buffer, auth = procurement) =>
  request(service.url)
    .post('/api/invoices/e-invoice')
    .set('Authorization', auth)
    .set('Content-Type', 'application/xml')
    .send(xml);
const act = (id: string, action: string, auth: string) =>
  request(service.url).post(`/api/invoices/${id}/${action}`).set('Authorization', auth).send({});

/** A contract with a paper invoice numbered as the vector's (100,000 + 10% = 110,000). */
async function invoiced(options: Parameters<typeof approvedContract>[1] = {}) {
  const contract = await approvedContract(service, { amount: 10_000_000, ...options });
  const invoice = (
    await request(service.url)
      .post('/api/invoices')
      .set('Authorization', procurement)
      .send(invoiceBody(contract.contractId, { invoiceNumber: CREDITED }))
      .expect(201)
  ).body as Invoice;
  return { contract, invoice };
}

/** What a credit changes: a refusal must leave all of it as it was. */
async function stored() {
  const { rows } = await service.runtime.pool.query<Record<string, number | string>>(
    `SELECT (SELECT count(*)::int FROM invoice_credit_notes) AS credits,
            (SELECT count(*)::int FROM audit_log WHERE action = 'invoice.credited') AS audits,
            (SELECT count(*)::int FROM outbox WHERE envelope->>'type' = 'InvoiceCredited') AS events,
            (SELECT coalesce(sum(invoiced_total), 0)::text FROM approved_contracts) AS contracts,
            (SELECT coalesce(sum(invoiced_total), 0)::text FROM contract_years) AS years`,
  );
  return rows[0]!;
}

async function expectNothingChanged(send: () => Promise<request.Response>, status: number) {
  const before = await stored();
  const response = await send();
  expect([response.status, response.type]).toEqual([status, 'application/problem+json']);
  expect(await stored()).toEqual(before);
  return response.body as { detail: string; errors?: { path: string; rule?: string }[] };
}

async function invoicedTotals(contractId: string) {
  const { rows } = await service.runtime.pool.query<{ contract: string; year: string }>(
    `SELECT c.invoiced_total::text AS contract, y.invoiced_total::text AS year
       FROM approved_contracts c JOIN contract_years y USING (contract_id)
      WHERE c.contract_id = $1 AND y.fiscal_year = 2026`,
    [contractId],
  );
  return rows[0];
}

describe('receiving a credit note against an invoice not yet ordered', () => {
  it('reduces a received invoice, releases its reservation and keeps the XML byte for byte', async () => {
    const { contract, invoice } = await invoiced();
    expect(invoice).toMatchObject({ total: 110_000, payableTotal: 110_000, credits: [] });
    expect(await invoicedTotals(contract.contractId)).toEqual({
      contract: '110000',
      year: '110000',
    });

    const xml = creditNote(contract.contractId);
    const response = await receiveXml(xml).expect(201);
    const credited = response.body as Invoice;
    expect(response.headers.location).toBe(`/api/invoices/${invoice.id}`);
    expect(credited).toMatchObject({
      id: invoice.id,
      status: 'received',
      total: 110_000,
      payableTotal: 110_000 - CREDIT,
      netAmount: 110_000 - CREDIT,
      credits: [
        {
          creditNoteNumber: 'CN-2026-0001',
          issueDate: '2026-11-25',
          total: CREDIT,
          taxes: [{ rate: 10, base: 20_000, tax: 2_000 }],
          originalSha256: createHash('sha256').update(xml).digest('hex'),
        },
      ],
    });
    expect(await invoicedTotals(contract.contractId)).toEqual({ contract: '88000', year: '88000' });
    const got = await request(service.url)
      .get(`/api/invoices/${invoice.id}`)
      .set('Authorization', procurement)
      .expect(200);
    expect(got.body).toEqual({ ...credited, inspectionOverdue: got.body.inspectionOverdue });

    const { rows } = await service.runtime.pool.query(
      `SELECT amount::text FROM audit_log WHERE action = 'invoice.credited' AND entity_id = $1`,
      [invoice.id],
    );
    expect(rows).toEqual([{ amount: String(CREDIT) }]);
    // Announced with the credit, so the contract service counts it too.
    const events = await outboxEvents(service, 'InvoiceCredited', invoice.id);
    expect(events.map((event) => event.payload)).toEqual([
      {
        invoiceId: invoice.id,
        contractId: contract.contractId,
        vendorId: contract.vendorId,
        creditNoteId: credited.credits[0]!.id,
        creditNoteNumber: 'CN-2026-0001',
        creditedTotal: CREDIT,
      },
    ]);

    // Staff and the vendor who owns it download it; another vendor may not.
    const path = `/api/invoices/${invoice.id}/credit-notes/${credited.credits[0]!.id}/original`;
    const original = await request(service.url)
      .get(path)
      .set('Authorization', await bearer('auditor'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(original.headers['content-type']).toMatch(/^application\/xml/);
    expect(Buffer.compare(original.body as Buffer, xml)).toBe(0);
    await request(service.url)
      .get(path)
      .set('Authorization', await bearer('vendor', { vendorId: contract.vendorId }))
      .expect(200);
    await request(service.url)
      .get(path)
      .set('Authorization', await bearer('vendor'))
      .expect(403);
    await request(service.url)
      .get(`/api/invoices/${invoice.id}/credit-notes/${randomUUID()}/original`)
      .set('Authorization', procurement)
      .expect(404);

    // The same credit note again: 409, nothing changed.
    await expectNothingChanged(() => receiveXml(xml), 409);
  });

  it('previews the credit without writing', async () => {
    const { contract, invoice } = await invoiced();
    const before = await stored();
    const read = await request(service.url)
      .post('/api/invoices/e-invoice/preview')
      .set('Authorization', procurement)
      .set('Content-Type', 'application/xml')
      .send(creditNote(contract.contractId))
      .expect(200);
    expect((read.body as EInvoicePreview).credit).toEqual({
      invoiceId: invoice.id,
      invoiceNumber: CREDITED,
      total: CREDIT,
    });
    expect(read.body).toMatchObject({ invoiceNumber: 'CN-2026-0001', total: CREDIT });
    expect(await stored()).toEqual(before);
  });

  it('reduces an inspected invoice; its payment order then orders and pays the reduced amount', async () => {
    const { contract, invoice } = await invoiced();
    await act(invoice.id, 'inspect', inspector).expect(200);
    await receiveXml(creditNote(contract.contractId)).expect(201);
    await receiveXml(creditNote(contract.contractId, { number: 'CN-2026-0002' })).expect(201);
    const approved = await act(invoice.id, 'approve', accountant).expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      payableTotal: 110_000 - 2 * CREDIT,
    });
    const [ordered] = await outboxEvents(service, 'PaymentOrdered', invoice.id);
    expect(ordered!.payload).toMatchObject({
      amount: 110_000 - 2 * CREDIT,
      netAmount: 110_000 - 2 * CREDIT,
      withholdingTax: 0,
    });

    // Once ordered: a refund (戻入) instead, 409, nothing changed.
    const refused = await expectNothingChanged(
      () => receiveXml(creditNote(contract.contractId, { number: 'CN-2026-0003' })),
      409,
    );
    expect(refused.detail).toMatch(/戻入/);
  });

  it('refuses a fully credited invoice its payment order: it is rejected instead', async () => {
    const { contract, invoice } = await invoiced();
    for (const number of ['CN-1', 'CN-2', 'CN-3', 'CN-4', 'CN-5']) {
      await receiveXml(creditNote(contract.contractId, { number })).expect(201);
    }
    // 110,000 − 5 × 22,000 = 0: nothing is left to pay, and nothing is left reserved.
    expect(await invoicedTotals(contract.contractId)).toEqual({ contract: '0', year: '0' });
    await act(invoice.id, 'inspect', inspector).expect(200);
    const refused = await act(invoice.id, 'approve', accountant).expect(422);
    expect(refused.body.detail).toMatch(/返戻/);
    // Rejecting it releases only what was still reserved.
    await request(service.url)
      .post(`/api/invoices/${invoice.id}/reject`)
      .set('Authorization', inspector)
      .send({ reason: '全額返還済み' })
      .expect(200);
    expect(await invoicedTotals(contract.contractId)).toEqual({ contract: '0', year: '0' });
    // What the events tell the contract service adds up to nothing left invoiced either.
    const [received] = await outboxEvents(service, 'InvoiceReceived', invoice.id);
    const credits = await outboxEvents(service, 'InvoiceCredited', invoice.id);
    const [rejected] = await outboxEvents(service, 'InvoiceRejected', invoice.id);
    expect(received!.payload).toMatchObject({ total: 110_000 });
    expect(credits.map(({ payload }) => payload)).toEqual(
      ['CN-1', 'CN-2', 'CN-3', 'CN-4', 'CN-5'].map((creditNoteNumber) =>
        expect.objectContaining({ creditNoteNumber, creditedTotal: CREDIT }),
      ),
    );
    expect(rejected!.payload).toMatchObject({ total: 110_000, payableTotal: 0 });
  });

  it('rejecting a partly credited invoice announces only what it still reserved', async () => {
    const { contract, invoice } = await invoiced();
    await receiveXml(creditNote(contract.contractId)).expect(201);
    await request(service.url)
      .post(`/api/invoices/${invoice.id}/reject`)
      .set('Authorization', inspector)
      .send({ reason: '金額誤り' })
      .expect(200);
    expect(await invoicedTotals(contract.contractId)).toEqual({ contract: '0', year: '0' });
    const [rejected] = await outboxEvents(service, 'InvoiceRejected', invoice.id);
    expect(rejected!.payload).toEqual({
      invoiceId: invoice.id,
      contractId: contract.contractId,
      total: 110_000,
      payableTotal: 110_000 - CREDIT,
      reason: '金額誤り',
    });
  });
});

describe('refusing a credit note changes nothing', () => {
  const rules = (body: { errors?: { path: string; rule?: string }[] }) =>
    body.errors?.map(({ rule, path }) => [rule, path]);

  it('422 over what is left payable, naming PayableAmount', async () => {
    const { contract } = await invoiced();
    const big = creditNote(contract.contractId)
      .toString()
      .replaceAll('>20000<', '>200000<')
      .replaceAll('>2000<', '>20000<')
      .replaceAll('>22000<', '>220000<');
    const refused = await expectNothingChanged(() => receiveXml(Buffer.from(big)), 422);
    expect(rules(refused)).toEqual([
      ['denpyo-credit-payable', '/CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount'],
    ]);
  });

  it("422 for another contract's invoice, another vendor's T-number, and no or two BillingReferences", async () => {
    const { contract } = await invoiced();
    const other = await approvedContract(service, { amount: 10_000_000 });
    const reference = [
      'denpyo-billing-reference',
      '/CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID',
    ];
    // The invoice is not the other contract's.
    expect(
      rules(await expectNothingChanged(() => receiveXml(creditNote(other.contractId)), 422)),
    ).toEqual([reference]);
    expect(
      rules(
        await expectNothingChanged(
          () =>
            receiveXml(
              creditNote(contract.contractId, { tNumber: registrationNumber('345678901234') }),
            ),
          422,
        ),
      ),
    ).toEqual([
      [
        'denpyo-seller-registration-number',
        '/CreditNote/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
      ],
    ]);
    // A vendor may not credit another vendor's contract: as unknown as none.
    const otherVendor = await bearer('vendor', { vendorId: other.vendorId });
    await expectNothingChanged(() => receiveXml(creditNote(contract.contractId), otherVendor), 422);
    const twice = creditNote(contract.contractId)
      .toString()
      .replace(
        '</cac:BillingReference>',
        '</cac:BillingReference><cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>INV-X</cbc:ID></cac:InvoiceDocumentReference></cac:BillingReference>',
      );
    expect(rules(await expectNothingChanged(() => receiveXml(Buffer.from(twice)), 422))).toEqual([
      reference,
    ]);
  });

  it('422 for a rejected invoice and for an invoice with withholding', async () => {
    const { contract, invoice } = await invoiced();
    await request(service.url)
      .post(`/api/invoices/${invoice.id}/reject`)
      .set('Authorization', inspector)
      .send({ reason: '金額誤り' })
      .expect(200);
    await expectNothingChanged(() => receiveXml(creditNote(contract.contractId)), 422);

    const individual = await approvedContract(service, {
      amount: 10_000_000,
      vendorKind: 'individual',
    });
    await request(service.url)
      .post('/api/invoices')
      .set('Authorization', procurement)
      .send(
        invoiceBody(individual.contractId, {
          invoiceNumber: CREDITED,
          lines: [{ description: '講演謝金', amount: 100_000, taxRate: 10, withholding: true }],
        }),
      )
      .expect(201);
    const refused = await expectNothingChanged(
      () => receiveXml(creditNote(individual.contractId)),
      422,
    );
    expect(rules(refused)).toEqual([
      ['denpyo-withholding', '/CreditNote/cac:AccountingSupplierParty/cac:Party'],
    ]);
  });
});
