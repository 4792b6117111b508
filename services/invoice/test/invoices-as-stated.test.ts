// API.md "v2 — invoices as stated" over HTTP, on a pinned clock (DENPYO_TODAY): the stated tax,
// tax-included amounts, optional T-numbers, the arrival date's deadlines, late inspection,
// withholding, closed fiscal years, and what the contract and payment services tell.
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { buildEvent, startService, type RunningService, type ServiceEnv } from '@denpyo/platform';
import { bearer, pdfText, testServiceEnv, waitFor } from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';
import {
  approvedContract,
  binary,
  invoiceBody,
  outboxEvents,
  publishContractEvent,
  publishPaymentEvent,
  type ContractFixture,
} from './helpers';

const env: ServiceEnv = testServiceEnv('invoice');
let service: RunningService;
let procurement: string;
let inspector: string;
let accountant: string;

const startOn = async (today: string) => {
  service = await startService(invoiceService, { ...env, DENPYO_TODAY: today });
};

beforeAll(async () => {
  await startOn('2026-12-07');
  procurement = await bearer('procurement', { username: 'alice' });
  inspector = await bearer('procurement', {
    username: 'bob',
    displayName: '検収 太郎',
    title: '土木課 主査',
  });
  accountant = await bearer('accountant', {
    username: 'carol',
    displayName: '会計 花子',
    title: '会計課 主任',
  });
});

afterAll(() => service.stop());

const post = (body: object, auth = procurement) =>
  request(service.url).post('/api/invoices').set('Authorization', auth).send(body);

const act = (id: string, action: string, auth: string) =>
  request(service.url).post(`/api/invoices/${id}/${action}`).set('Authorization', auth).send({});

const get = (id: string) =>
  request(service.url).get(`/api/invoices/${id}`).set('Authorization', procurement).expect(200);

/** A body without a registration number (免税事業者), arriving on `receivedOn` when given. */
function statedBody(contractId: string, overrides: object = {}) {
  // undefined is left out of the JSON body.
  return {
    ...invoiceBody(contractId, { issueDate: '2026-11-30', registrationNumber: undefined }),
    ...overrides,
  };
}

async function invoiceCount(contractId: string): Promise<number> {
  const { rows } = await service.runtime.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM invoices WHERE contract_id = $1',
    [contractId],
  );
  return rows[0].n;
}

describe('the tax as stated', () => {
  let contract: ContractFixture;
  beforeAll(async () => {
    contract = await approvedContract(service, { amount: 10_000_000 });
  });

  it('takes 税込 ¥1,099 stating 99 as a claim of 1,099, not 1,100', async () => {
    const response = await post(
      statedBody(contract.contractId, {
        amountsInclude: 'tax-included',
        lines: [{ description: '消耗品', amount: 1_099, taxRate: 10 }],
        statedTaxes: [{ rate: 10, tax: 99 }],
      }),
    ).expect(201);
    expect(response.body).toMatchObject({
      amountsInclude: 'tax-included',
      subtotal: 1_000,
      taxes: [{ rate: 10, base: 1_099, tax: 99 }],
      statedTaxes: [{ rate: 10, tax: 99 }],
      total: 1_099,
      netAmount: 1_099,
      qualified: false,
    });
    expect((await get(response.body.id)).body).toEqual(response.body);
  });

  it('takes one tax-included ¥11 at 10% as tax 1, total 11 (rounded down, none stated)', async () => {
    const response = await post(
      statedBody(contract.contractId, {
        amountsInclude: 'tax-included',
        lines: [{ description: '切手', amount: 11, taxRate: 10 }],
      }),
    ).expect(201);
    expect(response.body).toMatchObject({ taxes: [{ rate: 10, base: 11, tax: 1 }], total: 11 });
    expect(response.body).not.toHaveProperty('statedTaxes');
  });

  it.each([80, 81])('accepts 8%% tax %d stated on a base of 1,005', async (tax) => {
    const response = await post(
      statedBody(contract.contractId, {
        lines: [{ description: '食品', amount: 1_005, taxRate: 8 }],
        statedTaxes: [{ rate: 8, tax }],
      }),
    ).expect(201);
    expect(response.body).toMatchObject({
      taxes: [{ rate: 8, base: 1_005, tax }],
      total: 1_005 + tax,
    });
  });

  it.each([79, 82])(
    'refuses 8%% tax %d on 1,005 with 422 naming the rate and both figures, writing nothing',
    async (tax) => {
      const before = await invoiceCount(contract.contractId);
      const response = await post(
        statedBody(contract.contractId, {
          lines: [{ description: '食品', amount: 1_005, taxRate: 8 }],
          statedTaxes: [{ rate: 8, tax }],
        }),
      ).expect(422);
      const message = `The stated 8% tax ${tax} is not the exact tax rounded down, half-up or up (accepted: 80 or 81)`;
      expect(response.body).toMatchObject({
        detail: message,
        errors: [{ path: 'statedTaxes.0.tax', message }],
      });
      expect(await invoiceCount(contract.contractId)).toBe(before);
    },
  );

  it('takes a discount line off its rate, and refuses one taking the base below zero', async () => {
    const response = await post(
      statedBody(contract.contractId, {
        lines: [
          { description: '業務委託', amount: 10_000, taxRate: 10 },
          { description: '値引き', amount: -1_000, taxRate: 10 },
        ],
      }),
    ).expect(201);
    expect(response.body).toMatchObject({
      taxes: [{ rate: 10, base: 9_000, tax: 900 }],
      total: 9_900,
      lines: [{ amount: 10_000 }, { amount: -1_000 }],
    });
    const refused = await post(
      statedBody(contract.contractId, {
        lines: [
          { description: '業務委託', amount: 10_000, taxRate: 10 },
          { description: '食品', amount: 1_000, taxRate: 8 },
          { description: '値引き', amount: -1_500, taxRate: 8 },
        ],
      }),
    ).expect(422);
    expect(refused.body.errors).toEqual([
      { path: 'lines', message: expect.stringContaining('The 8% base is -500') },
    ]);
  });
});

describe('the arrival date and the inspection deadline (支払遅延防止法 Art. 5, 6)', () => {
  let contract: ContractFixture;
  beforeAll(async () => {
    contract = await approvedContract(service, { amount: 10_000_000 });
  });

  it('a claim that arrived 12/01 and is keyed on 12/07 is due 2026-12-30, not 2027-01-06', async () => {
    const response = await post(
      statedBody(contract.contractId, { receivedOn: '2026-12-01' }),
    ).expect(201);
    expect(response.body).toMatchObject({
      receivedOn: '2026-12-01',
      dueDate: '2026-12-30',
      originalDueDate: '2026-12-30',
      inspectionDueDate: '2026-12-11',
      inspectionOverdue: false,
    });
    const [event] = await outboxEvents(service, 'InvoiceReceived', response.body.id);
    expect(event.payload).toMatchObject({ receivedOn: '2026-12-01', dueDate: '2026-12-30' });
  });

  it('a vendor’s submission arrives today; a vendor naming receivedOn gets 403', async () => {
    const vendor = await bearer('vendor', { vendorId: contract.vendorId });
    const sent = await post(statedBody(contract.contractId), vendor).expect(201);
    expect(sent.body).toMatchObject({ receivedOn: '2026-12-07', dueDate: '2027-01-06' });
    const dated = await post(
      statedBody(contract.contractId, { receivedOn: '2026-12-01' }),
      vendor,
    ).expect(403);
    expect(dated.body.errors).toEqual([{ path: 'receivedOn', message: expect.any(String) }]);
  });

  it.each([
    ['after today', '2026-12-08'],
    ['before the issue date', '2026-11-29'],
  ])('refuses an arrival date %s with 422', async (_, receivedOn) => {
    const response = await post(statedBody(contract.contractId, { receivedOn })).expect(422);
    expect(response.body.errors).toEqual([{ path: 'receivedOn', message: expect.any(String) }]);
  });

  it('gives works contracts 14 days to inspect and 40 to pay', async () => {
    const works = await approvedContract(service, { contract: { kind: 'works' } });
    const response = await post(statedBody(works.contractId, { receivedOn: '2026-12-01' })).expect(
      201,
    );
    expect(response.body).toMatchObject({
      contractKind: 'works',
      inspectionDueDate: '2026-12-15',
      dueDate: '2027-01-08',
    });
  });

  it('lists the overdue inspections (inspectionOverdue=true) and the others (false)', async () => {
    const late = await post(
      statedBody(contract.contractId, { issueDate: '2026-11-20', receivedOn: '2026-11-24' }),
    ).expect(201);
    expect(late.body).toMatchObject({ inspectionDueDate: '2026-12-04', inspectionOverdue: true });
    const fresh = await post(statedBody(contract.contractId)).expect(201);
    const ids = async (inspectionOverdue: string) =>
      (
        await request(service.url)
          .get('/api/invoices')
          .query({ contractId: contract.contractId, inspectionOverdue })
          .set('Authorization', accountant)
          .expect(200)
      ).body.map((invoice: { id: string }) => invoice.id);
    expect(await ids('true')).toEqual([late.body.id]);
    expect(await ids('false')).toContain(fresh.body.id);
    expect(await ids('false')).not.toContain(late.body.id);
    await request(service.url)
      .get('/api/invoices')
      .query({ inspectionOverdue: 'yes' })
      .set('Authorization', accountant)
      .expect(400);
  });

  it('takes the days of a late inspection off the payment period (Art. 7)', async () => {
    // Received 11-24: inspection due 12-04, done 12-07 (3 days late); 12-24 − 3 = Monday 12-21.
    const late = await post(
      statedBody(contract.contractId, { issueDate: '2026-11-20', receivedOn: '2026-11-24' }),
    ).expect(201);
    expect(late.body.dueDate).toBe('2026-12-24');
    const inspected = await act(late.body.id, 'inspect', inspector).expect(200);
    expect(inspected.body).toMatchObject({
      status: 'inspected',
      dueDate: '2026-12-21',
      originalDueDate: '2026-12-24',
      inspectionLateDays: 3,
      inspectionOverdue: false,
      inspectedBySignature: { username: 'bob', displayName: '検収 太郎', title: '土木課 主査' },
    });
    const ordered = await act(late.body.id, 'approve', accountant).expect(200);
    const [event] = await outboxEvents(service, 'PaymentOrdered', ordered.body.id);
    expect(event.payload).toMatchObject({ dueDate: '2026-12-21' });
  });

  it('keeps the due date of an inspection on time', async () => {
    const onTime = await post(statedBody(contract.contractId, { receivedOn: '2026-12-01' })).expect(
      201,
    );
    const inspected = await act(onTime.body.id, 'inspect', inspector).expect(200);
    expect(inspected.body).toMatchObject({ dueDate: '2026-12-30', inspectionLateDays: 0 });
  });

  it('refuses the inspection to whoever registered the invoice (403)', async () => {
    const invoice = await post(statedBody(contract.contractId)).expect(201);
    await act(invoice.body.id, 'inspect', procurement).expect(403);
    expect((await get(invoice.body.id)).body.status).toBe('received');
  });
});

describe('withholding (所得税法 Art. 204)', () => {
  it('withholds 10.21% of an individual’s fee and orders the net amount', async () => {
    const lecturer = await approvedContract(service, {
      registration: null,
      vendorKind: 'individual',
      contract: { concludedOn: '2026-11-02' },
    });
    const response = await post(
      statedBody(lecturer.contractId, {
        lines: [
          { description: '講演料', amount: 100_000, taxRate: 10, withholding: true },
          { description: '旅費', amount: 10_000, taxRate: 10 },
        ],
      }),
    ).expect(201);
    expect(response.body).toMatchObject({
      total: 121_000,
      withholdingTax: 10_210,
      netAmount: 110_790,
      lines: [{ withholding: true }, { description: '旅費' }],
    });
    expect(response.body.lines[1]).not.toHaveProperty('withholding');
    await act(response.body.id, 'inspect', inspector).expect(200);
    await act(response.body.id, 'approve', accountant).expect(200);
    const [event] = await outboxEvents(service, 'PaymentOrdered', response.body.id);
    expect(event.payload).toMatchObject({
      amount: 121_000,
      withholdingTax: 10_210,
      netAmount: 110_790,
      fiscalYear: 2026,
      contractConcludedOn: '2026-11-02',
      orderedBySignature: { username: 'carol', displayName: '会計 花子', title: '会計課 主任' },
    });
  });

  it('transfers ¥89,790 of a ¥100,000 tax-included fee', async () => {
    const lecturer = await approvedContract(service, {
      registration: null,
      vendorKind: 'individual',
    });
    const response = await post(
      statedBody(lecturer.contractId, {
        amountsInclude: 'tax-included',
        lines: [{ description: '講演料', amount: 100_000, taxRate: 10, withholding: true }],
      }),
    ).expect(201);
    expect(response.body).toMatchObject({
      total: 100_000,
      withholdingTax: 10_210,
      netAmount: 89_790,
    });
  });

  it('refuses withholding on a corporation’s invoice with 422 at the line', async () => {
    const company = await approvedContract(service);
    const response = await post(
      statedBody(company.contractId, {
        lines: [{ description: '講演料', amount: 100_000, taxRate: 10, withholding: true }],
      }),
    ).expect(422);
    expect(response.body.errors).toEqual([
      { path: 'lines.0.withholding', message: expect.any(String) },
    ]);
  });
});

describe('what the contract and payment services tell', () => {
  const context = { actor: 'test', correlationId: 'test-correlation' };

  it('counts the remaining amount from an amended amount, and refuses a closed contract', async () => {
    const contract = await approvedContract(service, { amount: 200_000 });
    const body = () =>
      statedBody(contract.contractId, {
        lines: [{ description: 'x', amount: 150_000, taxRate: 0 }],
      });
    await post(body()).expect(201);
    await post(body()).expect(422); // 300,000 > 200,000
    await publishContractEvent(
      service,
      buildEvent(
        'ContractAmended',
        contract.contractId,
        {
          contractId: contract.contractId,
          amendmentId: randomUUID(),
          amount: 300_000,
          previousAmount: 200_000,
          endDate: '2027-03-31',
          approvedAt: new Date().toISOString(),
        },
        context,
      ),
    );
    await waitFor(async () => (await post(body())).status === 201);
    await publishContractEvent(
      service,
      buildEvent(
        'ContractClosed',
        contract.contractId,
        { contractId: contract.contractId, outcome: 'completed', releasedAmount: 0 },
        context,
      ),
    );
    await waitFor(async () => {
      const response = await post(
        statedBody(contract.contractId, { lines: [{ description: 'x', amount: 1, taxRate: 0 }] }),
      );
      return response.status === 422 && /completed/.test(response.body.detail);
    });
  });

  it('refuses a payment order in a closed fiscal year, naming it; other years go on', async () => {
    const old = await approvedContract(service, { contract: { fiscalYear: 2025 } });
    const invoice = await post(statedBody(old.contractId)).expect(201);
    expect(invoice.body.fiscalYear).toBe(2025);
    await act(invoice.body.id, 'inspect', inspector).expect(200);
    await publishPaymentEvent(
      service,
      buildEvent(
        'FiscalYearClosed',
        'FY2025',
        { fiscalYear: 2025, closedBy: 'treasurer', closedAt: new Date().toISOString() },
        context,
      ),
    );
    await waitFor(async () => {
      const { rows } = await service.runtime.pool.query(
        'SELECT 1 FROM closed_fiscal_years WHERE fiscal_year = 2025',
      );
      return rows.length === 1;
    });
    const refused = await act(invoice.body.id, 'approve', accountant).expect(422);
    expect(refused.body.detail).toMatch(/Fiscal year 2025 is closed/);
    expect((await get(invoice.body.id)).body.status).toBe('inspected');
  });

  it('records the treasurer’s confirmation of the order, not of a late-interest payment', async () => {
    const contract = await approvedContract(service);
    const invoice = await post(statedBody(contract.contractId)).expect(201);
    await act(invoice.body.id, 'inspect', inspector).expect(200);
    await act(invoice.body.id, 'approve', accountant).expect(200);
    const paymentId = randomUUID();
    const interestId = randomUUID();
    const scheduled = (id: string, kind: 'invoice' | 'late-interest') =>
      buildEvent(
        'PaymentScheduled',
        id,
        {
          paymentId: id,
          invoiceId: invoice.body.id,
          contractId: contract.contractId,
          vendorId: contract.vendorId,
          amount: 1_000,
          dueDate: '2026-12-30',
          kind,
        },
        context,
      );
    const confirmed = (id: string, username: string, displayName: string) =>
      buildEvent(
        'PaymentConfirmed',
        id,
        {
          paymentId: id,
          invoiceId: invoice.body.id,
          contractId: contract.contractId,
          confirmedBy: username,
          confirmedBySignature: { username, displayName, title: '会計管理者' },
          confirmedAt: '2026-12-08T01:00:00.000Z',
        },
        context,
      );
    const interestConfirmed = confirmed(interestId, 'treasurer2', '出納 二郎');
    await publishPaymentEvent(service, scheduled(paymentId, 'invoice'));
    await publishPaymentEvent(service, confirmed(paymentId, 'treasurer', '出納 一郎'));
    await publishPaymentEvent(service, scheduled(interestId, 'late-interest'));
    await publishPaymentEvent(service, interestConfirmed);
    await waitFor(async () => {
      const { rows } = await service.runtime.pool.query('SELECT 1 FROM inbox WHERE event_id = $1', [
        interestConfirmed.id,
      ]);
      return rows.length === 1;
    });
    expect((await get(invoice.body.id)).body).toMatchObject({
      orderedBy: 'carol',
      orderedBySignature: { displayName: '会計 花子', title: '会計課 主任' },
      confirmedBy: 'treasurer',
      confirmedBySignature: { displayName: '出納 一郎', title: '会計管理者' },
      confirmedAt: '2026-12-08T01:00:00.000Z',
    });

    // The 支出命令書 names who did what by display name and title, never by username.
    const text = pdfText(await voucher(invoice.body.id));
    expect(text).toMatch(/支出命令\s+会計課 主任\s+会計 花子/);
    expect(text).toMatch(/確認\s+会計管理者\s+出納 一郎/);
    expect(text).toMatch(/検収\s+土木課 主査\s+検収 太郎/);
    expect(text).toContain('適格請求書ではない（登録番号の記載なし）');
    expect(text).not.toMatch(/\bcarol\b|\bbob\b|treasurer/);
  });
});

describe('the 支出命令書 of acts signed before names were recorded', () => {
  it('prints 氏名未登録, never the username', async () => {
    const context = { actor: 'test', correlationId: 'test-correlation' };
    const contract = await approvedContract(service);
    const invoice = await post(statedBody(contract.contractId)).expect(201);
    await act(invoice.body.id, 'inspect', inspector).expect(200);
    await act(invoice.body.id, 'approve', accountant).expect(200);
    // Received before v2 recorded signatures.
    await service.runtime.pool.query(
      'UPDATE invoices SET created_by_signature = NULL WHERE id = $1',
      [invoice.body.id],
    );
    const paymentId = randomUUID();
    // A PaymentConfirmed from before the payment service sent signatures.
    const confirmed = buildEvent(
      'PaymentConfirmed',
      paymentId,
      {
        paymentId,
        invoiceId: invoice.body.id,
        contractId: contract.contractId,
        confirmedBy: 'treasurer',
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
          invoiceId: invoice.body.id,
          contractId: contract.contractId,
          vendorId: contract.vendorId,
          amount: invoice.body.total,
          dueDate: invoice.body.dueDate,
        },
        context,
      ),
    );
    await publishPaymentEvent(service, confirmed);
    await waitFor(async () => (await get(invoice.body.id)).body.confirmedBy === 'treasurer');
    expect((await get(invoice.body.id)).body.confirmedBySignature).toBeUndefined();

    const text = pdfText(await voucher(invoice.body.id));
    expect(text).toMatch(/受付\s+請求受付\s+氏名未登録/);
    expect(text).toMatch(/確認\s+会計管理者\s+氏名未登録/);
    expect(text).toMatch(/支出命令\s+会計課 主任\s+会計 花子/);
    expect(text).not.toMatch(/\balice\b|treasurer/);
  });
});

describe('the issue’s late-inspection vector, a week later on the same data', () => {
  it('received 12-01, inspected 12-14 (3 days late): due 12-31 − 3 = Monday 2026-12-28', async () => {
    const contract = await approvedContract(service);
    const invoice = await post(
      statedBody(contract.contractId, { receivedOn: '2026-12-01' }),
    ).expect(201);
    await service.stop();
    await startOn('2026-12-14');
    expect((await get(invoice.body.id)).body).toMatchObject({ inspectionOverdue: true });
    const inspected = await act(invoice.body.id, 'inspect', inspector).expect(200);
    expect(inspected.body).toMatchObject({
      dueDate: '2026-12-28',
      originalDueDate: '2026-12-30',
      inspectionLateDays: 3,
    });
  });
});

async function voucher(id: string): Promise<Buffer> {
  const response = await request(service.url)
    .get(`/api/invoices/${id}/voucher.pdf`)
    .set('Authorization', accountant)
    .buffer(true)
    .parse(binary)
    .expect(200);
  return response.body as Buffer;
}
