// API.md "v2 — e-invoices (JP PINT)" over HTTP on the real database: the jp-pint package's test
// vectors received as invoices with their figures as stated, their XML kept byte for byte, and
// every refusal (400, 413, 415, 422 by rule, 409) changing nothing.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { readJpPint } from '@denpyo/jp-pint';
import { buildEvent, startService, type RunningService, type ServiceEnv } from '@denpyo/platform';
import { bearer, testServiceEnv, waitFor } from '@denpyo/platform/testing';
import { E_INVOICE_MAX_BYTES, type Invoice } from '@denpyo/schemas';
import { invoiceService } from '../src/service';
import {
  approvedContract,
  publishContractEvent,
  registrationNumber,
  VENDOR_REGISTRATION,
} from './helpers';

const VECTORS = join(__dirname, '..', '..', '..', 'packages', 'jp-pint', 'test', 'vectors');

/** A jp-pint test vector with its placeholders filled (packages/jp-pint/test/vectors/README). */
function vector(name: string, values: { CONTRACT: string; T_NUMBER?: string }): Buffer {
  const all: Record<string, string> = {
    T_NUMBER: VENDOR_REGISTRATION,
    ISSUE_DATE: '2026-11-05',
    ...values,
  };
  const text = readFileSync(join(VECTORS, name), 'utf8').replace(
    /\{\{([A-Z_]+)\}\}/g,
    (placeholder, key: string) => all[key] ?? placeholder,
  );
  return Buffer.from(text, 'utf8');
}

const env: ServiceEnv = testServiceEnv('invoice');
let service: RunningService;
let procurement: string;

beforeAll(async () => {
  service = await startService(invoiceService, { ...env, DENPYO_TODAY: '2026-12-07' });
  procurement = await bearer('procurement', { username: 'alice' });
});

afterAll(() => service.stop());

const send = (path: string, xml: Buffer | string, auth = procurement, type = 'application/xml') =>
  request(service.url).post(path).set('Authorization', auth).set('Content-Type', type).send(xml);
const receive = (xml: Buffer | string, auth = procurement) =>
  send('/api/invoices/e-invoice', xml, auth);
const preview = (xml: Buffer | string, auth = procurement) =>
  send('/api/invoices/e-invoice/preview', xml, auth);

/** What the tables hold: a refusal must leave them as they were. */
async function stored(): Promise<{ invoices: number; originals: number; invoiced: string }> {
  const { rows } = await service.runtime.pool.query<{
    invoices: number;
    originals: number;
    invoiced: string;
  }>(
    `SELECT (SELECT count(*)::int FROM invoices) AS invoices,
            (SELECT count(*)::int FROM invoice_originals) AS originals,
            (SELECT coalesce(sum(invoiced_total), 0)::text FROM approved_contracts) AS invoiced`,
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

const contractOf = async (documentNumber = `CT-2026-${randomUUID().slice(0, 6)}`) => ({
  documentNumber,
  ...(await approvedContract(service, { amount: 10_000_000, contract: { documentNumber } })),
});

describe('receiving a JP PINT e-invoice', () => {
  it('takes the multi-rate vector with its figures as stated, its period and its payee account', async () => {
    const contract = await contractOf();
    const response = await receive(
      vector('invoice-multi-rate.xml', { CONTRACT: contract.contractId }),
    ).expect(201);
    const invoice = response.body as Invoice;
    expect(response.headers.location).toBe(`/api/invoices/${invoice.id}`);
    expect(invoice).toMatchObject({
      source: 'jp-pint',
      contractId: contract.contractId,
      invoiceNumber: 'INV-2026-0002',
      issueDate: '2026-11-05',
      registrationNumber: VENDOR_REGISTRATION,
      qualified: true,
      amountsInclude: 'tax-excluded',
      taxes: [
        { rate: 10, base: 50_000, tax: 5_000 },
        { rate: 8, base: 3_000, tax: 240 },
        { rate: 0, base: 1_200, tax: 0 },
      ],
      subtotal: 54_200,
      total: 59_440,
      netAmount: 59_440,
      receivedOn: '2026-12-07',
      // The helpers register the vendor with 0001-001 1234567, the account the vector states.
      statedPayeeAccount: { bankCode: '0001', branchCode: '001', accountNumber: '1234567' },
      payeeAccountDiffers: false,
    });
    expect(invoice.lines.map((line) => [line.description, line.amount, line.taxRate])).toEqual([
      ['庁舎清掃業務', 50_000, 10],
      ['会議用弁当（軽減税率）', 3_000, 8],
      ['収入印紙（非課税）', 1_200, 0],
    ]);
  });

  it.each([
    'invoice-minimum.xml',
    'invoice-other-prefixes.xml',
    'nontax-invoice.xml',
    'rounding-down.xml',
    'rounding-half-up.xml',
    'rounding-up.xml',
  ])(
    'takes %s: per rate the taxable amount and tax of its TaxSubtotal, the payable amount',
    async (name) => {
      const contract = await contractOf();
      const xml = vector(name, { CONTRACT: contract.documentNumber });
      const reading = readJpPint(xml);
      if (!reading.ok) throw new Error(`${name} does not read: ${JSON.stringify(reading)}`);
      const { document } = reading;
      const invoice = (await receive(xml).expect(201)).body as Invoice;
      expect(invoice.contractId).toBe(contract.contractId);
      const byRate = (taxes: { rate: number; base: number; tax: number }[]) =>
        taxes.map(({ rate, base, tax }) => ({ rate, base, tax })).sort((a, b) => b.rate - a.rate);
      expect(byRate(invoice.taxes)).toEqual(byRate(document.taxes));
      expect(invoice.total).toBe(document.totals.payable);
      expect(invoice.qualified).toBe(document.specification === 'billing');
      expect(invoice.period).toEqual(document.period);
      // The answer is built from what was inserted: it must be what a read gives.
      const read = await request(service.url)
        .get(`/api/invoices/${invoice.id}`)
        .set('Authorization', await bearer('auditor'))
        .expect(200);
      expect(read.body).toEqual(invoice);
    },
  );

  it('keeps the XML byte for byte: the original downloads with the same SHA-256', async () => {
    const contract = await contractOf();
    const xml = vector('invoice-minimum.xml', { CONTRACT: contract.contractId });
    const invoice = (await receive(xml).expect(201)).body as Invoice;
    const sha256 = createHash('sha256').update(xml).digest('hex');
    expect(invoice.originalSha256).toBe(sha256);
    const original = await request(service.url)
      .get(`/api/invoices/${invoice.id}/original`)
      .set('Authorization', await bearer('auditor'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(original.headers['content-type']).toMatch(/^application\/xml/);
    expect(Buffer.compare(original.body as Buffer, xml)).toBe(0);
    // The vendor who owns it may download it; another vendor may not; a paper invoice has none.
    const owner = await bearer('vendor', { vendorId: contract.vendorId });
    await request(service.url)
      .get(`/api/invoices/${invoice.id}/original`)
      .set('Authorization', owner)
      .expect(200);
    await request(service.url)
      .get(`/api/invoices/${invoice.id}/original`)
      .set('Authorization', await bearer('vendor'))
      .expect(403);
    // Searchable by 電子帳簿保存法's keys: date, amount, counterparty, and by source.
    const found = await request(service.url)
      .get('/api/invoices')
      .query({
        source: 'jp-pint',
        issuedFrom: '2026-11-05',
        issuedTo: '2026-11-05',
        minAmount: invoice.total,
        maxAmount: invoice.total,
        vendorId: contract.vendorId,
      })
      .set('Authorization', procurement)
      .expect(200);
    expect((found.body as Invoice[]).map((item) => item.id)).toEqual([invoice.id]);
    const paper = await request(service.url)
      .get('/api/invoices')
      .query({ source: 'paper', vendorId: contract.vendorId })
      .set('Authorization', procurement)
      .expect(200);
    expect(paper.body).toEqual([]);
  });

  it('previews what it read and the figures, writing nothing; a differing payee account is flagged', async () => {
    const contract = await contractOf();
    const xml = vector('invoice-multi-rate.xml', { CONTRACT: contract.documentNumber }).toString();
    const before = await stored();
    const read = await preview(xml).expect(200);
    expect(read.body).toMatchObject({
      specification: 'billing',
      invoiceNumber: 'INV-2026-0002',
      seller: { name: '株式会社みなと設備', registrationNumber: VENDOR_REGISTRATION },
      contract: { id: contract.contractId, documentNumber: contract.documentNumber },
      vendor: { id: contract.vendorId },
      total: 59_440,
      payeeAccountDiffers: false,
    });
    const otherAccount = xml.replace('<cbc:ID>1234567</cbc:ID>', '<cbc:ID>7654321</cbc:ID>');
    const flagged = await preview(otherAccount).expect(200);
    expect(flagged.body).toMatchObject({
      statedPayeeAccount: { accountNumber: '7654321' },
      payeeAccountDiffers: true,
    });
    expect(await stored()).toEqual(before);
    // Once a change to that account is approved (VendorBankAccountChanged), it is the registered one.
    const changed = buildEvent(
      'VendorBankAccountChanged',
      contract.vendorId,
      {
        vendorId: contract.vendorId,
        changeId: randomUUID(),
        bankAccount: {
          bankCode: '0001',
          branchCode: '001',
          type: 'ordinary',
          number: '7654321',
          holderKana: 'ﾐﾅﾄｾﾂﾋﾞ',
        },
        requestedBy: 'procurement',
        approvedBy: 'procurement2',
        approvedAt: new Date().toISOString(),
      },
      { actor: 'procurement2', correlationId: 'test-correlation' },
    );
    await publishContractEvent(service, changed);
    await waitFor(async () => (await preview(otherAccount)).body.payeeAccountDiffers === false);
    expect((await preview(xml).expect(200)).body.payeeAccountDiffers).toBe(true);
    // Received, the invoice keeps the account as stated and the flag; the amount is unchanged.
    const invoice = (await receive(xml).expect(201)).body as Invoice;
    expect([invoice.payeeAccountDiffers, invoice.total]).toEqual([true, 59_440]);
    expect(invoice.statedPayeeAccount).toMatchObject({ accountNumber: '1234567' });
  });

  it('refuses a second receipt of the same invoice number with 409, and replays an Idempotency-Key', async () => {
    const contract = await contractOf();
    const xml = vector('invoice-minimum.xml', { CONTRACT: contract.contractId });
    const key = `e-invoice-${randomUUID()}`;
    const first = await send('/api/invoices/e-invoice', xml)
      .set('Idempotency-Key', key)
      .expect(201);
    const before = await stored();
    const replay = await send('/api/invoices/e-invoice', xml)
      .set('Idempotency-Key', key)
      .expect(201);
    expect(replay.body).toEqual(first.body);
    expect(await stored()).toEqual(before);
    await expectNothingChanged(() => receive(xml), 409);
  });
});

describe('refusing an e-invoice changes nothing', () => {
  it('400 for XML that is not well-formed or declares a DTD', async () => {
    for (const name of ['billion-laughs.xml', 'xxe-external-entity.xml']) {
      const xml = readFileSync(join(VECTORS, name));
      await expectNothingChanged(() => receive(xml), 400);
    }
    await expectNothingChanged(() => receive('<Invoice><cbc:ID>'), 400);
    await expectNothingChanged(() => preview('<Invoice'), 400);
  });

  it('415 for JSON, 413 above the limit', async () => {
    const contract = await contractOf();
    const json = await expectNothingChanged(
      () =>
        request(service.url)
          .post('/api/invoices/e-invoice')
          .set('Authorization', procurement)
          .send({ contractId: contract.contractId }),
      415,
    );
    expect(json.detail).toMatch(/application\/xml/);
    const padded = vector('invoice-minimum.xml', { CONTRACT: contract.contractId })
      .toString()
      .replace('</Invoice>', `<!--${'x'.repeat(E_INVOICE_MAX_BYTES)}--></Invoice>`);
    await expectNothingChanged(() => receive(padded), 413);
  });

  it('422 naming the rule and the element: JP PINT rules, contract and seller', async () => {
    const contract = await contractOf();
    const refusal = async (xml: Buffer | string, auth = procurement) =>
      (await expectNothingChanged(() => receive(xml, auth), 422)).errors?.map(({ rule, path }) => [
        rule,
        path,
      ]);

    expect(
      await refusal(vector('rounding-refused.xml', { CONTRACT: contract.contractId })),
    ).toContainEqual(['jp-br-co-01', expect.stringContaining('cac:TaxSubtotal')]);
    // A credit note against an invoice the contract does not have (credit-notes.test.ts).
    expect(await refusal(vector('credit-note.xml', { CONTRACT: contract.contractId }))).toEqual([
      [
        'denpyo-billing-reference',
        '/CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID',
      ],
    ]);
    expect(await refusal(vector('invoice-minimum.xml', { CONTRACT: 'CT-2026-unknown' }))).toEqual([
      ['denpyo-contract-reference', '/Invoice/cbc:BuyerReference'],
    ]);
    // Another business's valid T-number.
    const foreign = registrationNumber('345678901234');
    expect(
      await refusal(
        vector('invoice-minimum.xml', { CONTRACT: contract.contractId, T_NUMBER: foreign }),
      ),
    ).toEqual([
      [
        'denpyo-seller-registration-number',
        '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
      ],
    ]);
    // A 法人番号 that is not the vendor's (the vendor's own is its T-number without the T).
    const withCorporateNumber = (corporateNumber: string) =>
      vector('invoice-minimum.xml', { CONTRACT: contract.contractId })
        .toString()
        .replace(
          '</cbc:RegistrationName>',
          `</cbc:RegistrationName><cbc:CompanyID schemeID="0188">${corporateNumber}</cbc:CompanyID>`,
        );
    expect(await refusal(withCorporateNumber(foreign.slice(1)))).toEqual([
      [
        'denpyo-seller-corporate-number',
        '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID',
      ],
    ]);
    expect(
      (await receive(withCorporateNumber(VENDOR_REGISTRATION.slice(1))).expect(201)).body,
    ).toMatchObject({ sellerCorporateNumber: VENDOR_REGISTRATION.slice(1) });

    // What a keyed-in invoice may not hold, an e-invoice may not either (invoiceNumber ≤ 50).
    const longNumber = vector('invoice-minimum.xml', { CONTRACT: contract.contractId })
      .toString()
      .replace(/<cbc:ID>[^<]*<\/cbc:ID>/, `<cbc:ID>${'N'.repeat(51)}</cbc:ID>`);
    expect(await refusal(longNumber)).toEqual([['denpyo-receipt', expect.any(String)]]);

    // An individual's fee may need withholding: registered on the paper form instead.
    const individual = await approvedContract(service, {
      amount: 10_000_000,
      vendorKind: 'individual',
    });
    expect(
      await refusal(vector('invoice-minimum.xml', { CONTRACT: individual.contractId })),
    ).toEqual([['denpyo-withholding', '/Invoice/cac:AccountingSupplierParty/cac:Party']]);

    // A vendor may send only for its own contracts, as with POST /api/invoices.
    const other = await contractOf();
    const vendor = await bearer('vendor', { vendorId: contract.vendorId });
    expect(
      await refusal(vector('invoice-minimum.xml', { CONTRACT: other.contractId }), vendor),
    ).toEqual([['denpyo-contract-reference', '/Invoice/cbc:BuyerReference']]);
    await expectNothingChanged(
      () => preview(vector('invoice-minimum.xml', { CONTRACT: other.contractId }), vendor),
      422,
    );
  });
});
