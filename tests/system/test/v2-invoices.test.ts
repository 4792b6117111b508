import { waitFor } from '@denpyo/platform/testing';
import request from 'supertest';
import { signInDemoUsers, startSystem, type RunningSystem } from './support/system';

// API.md "v2 — invoices as stated" through the portal, on the system's clock: invoices as the
// vendor wrote them (stated tax, tax-included amounts, discounts), vendors without a T-number
// paid up to the payment order, the arrival date's deadlines, a late inspection a week later on
// the same data, four eyes on inspection, withholding for an individual, and no payment order
// once the treasurer has closed the fiscal year (after its 出納整理期間).

const FISCAL_YEAR = 2026;
const BUDGET_CODE = '02.01.03.08';
const BANK_ACCOUNT = {
  bankCode: '0001',
  branchCode: '001',
  type: 'ordinary',
  number: '7654321',
  holderKana: 'デンピヨウ',
};

describe('v2 invoices as stated, through the portal', () => {
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });

  async function logIn() {
    Object.assign(
      tokens,
      await signInDemoUsers(system, [
        'procurement',
        'procurement2',
        'approver',
        'accountant',
        'treasurer',
        'auditor',
      ]),
    );
  }

  beforeAll(async () => {
    system = await startSystem({ today: '2026-12-07' });
    await logIn();
    await api()
      .post('/api/budgets')
      .set(as('accountant'))
      .send({ fiscalYear: FISCAL_YEAR, code: BUDGET_CODE, name: '報償費', amount: 50_000_000 })
      .expect(201);
  }, 60_000);
  afterAll(() => system?.stop());

  async function vendor(fields: object): Promise<string> {
    const response = await api()
      .post('/api/vendors')
      .set(as('procurement'))
      .send({ nameKana: 'デンピョウ', bankAccount: BANK_ACCOUNT, ...fields })
      .expect(201);
    return response.body.id;
  }

  /** An approved services contract of FY2026 under ¥1,000,000 (one 課長 approval). */
  async function contract(vendorId: string, title: string): Promise<string> {
    const draft = await api()
      .post('/api/contracts')
      .set(as('procurement'))
      .send({
        vendorId,
        title,
        budgetCode: BUDGET_CODE,
        fiscalYear: FISCAL_YEAR,
        amount: 990_000,
        taxRate: 10,
        startDate: '2026-04-01',
        endDate: '2027-03-31',
      })
      .expect(201);
    const id: string = draft.body.id;
    await api().post(`/api/contracts/${id}/submit`).set(as('procurement')).expect(200);
    const approved = await api()
      .post(`/api/contracts/${id}/approve`)
      .set(as('approver'))
      .send({})
      .expect(200);
    expect(approved.body.status).toBe('approved');
    return id;
  }

  let invoiceCounter = 0;
  /** Posts an invoice once the invoice service has learnt of the contract (its event). */
  async function invoice(contractId: string, fields: object, user = 'procurement') {
    invoiceCounter += 1;
    const body = {
      contractId,
      invoiceNumber: `V2-${invoiceCounter}`,
      issueDate: '2026-11-30',
      lines: [{ description: '業務委託', amount: 10_000, taxRate: 10 }],
      ...fields,
    };
    return waitFor(async () => {
      const response = await api().post('/api/invoices').set(as(user)).send(body);
      const notYet = response.status === 422 && /unknown or not approved/.test(response.text);
      return notYet ? undefined : response;
    });
  }

  let plainContract: string;
  beforeAll(async () => {
    const company = await vendor({
      name: '株式会社デンピョウ商事',
      corporateNumber: '7000012050002',
      invoiceRegistrationNumber: 'T7000012050002',
    });
    plainContract = await contract(company, '庁舎清掃業務');
  }, 30_000);

  it('takes the tax as the invoice states it: 税込 ¥1,099 stating 99 is a claim of ¥1,099', async () => {
    const response = await invoice(plainContract, {
      registrationNumber: 'T7000012050002',
      amountsInclude: 'tax-included',
      lines: [{ description: '消耗品', amount: 1_099, taxRate: 10 }],
      statedTaxes: [{ rate: 10, tax: 99 }],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      qualified: true,
      amountsInclude: 'tax-included',
      taxes: [{ rate: 10, base: 1_099, tax: 99 }],
      subtotal: 1_000,
      total: 1_099,
    });
  });

  it('accepts a tax rounded any allowed way and refuses another, naming rate and figures', async () => {
    const eight = (tax: number) => ({
      lines: [{ description: '食品', amount: 1_005, taxRate: 8 }],
      statedTaxes: [{ rate: 8, tax }],
    });
    expect((await invoice(plainContract, eight(81))).body).toMatchObject({ total: 1_086 });
    const refused = await invoice(plainContract, eight(79));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      {
        path: 'statedTaxes.0.tax',
        message:
          'The stated 8% tax 79 is not the exact tax rounded down, half-up or up (accepted: 80 or 81)',
      },
    ]);
  });

  it('takes a discount line off its rate: 10,000 − 1,000 at 10% → tax 900', async () => {
    const response = await invoice(plainContract, {
      lines: [
        { description: '業務委託', amount: 10_000, taxRate: 10 },
        { description: '値引き', amount: -1_000, taxRate: 10 },
      ],
    });
    expect(response.body).toMatchObject({
      taxes: [{ rate: 10, base: 9_000, tax: 900 }],
      total: 9_900,
    });
  });

  let noNumberContract: string;
  let lateInvoice: string;
  it('pays a vendor without a T-number up to the payment order, refusing a borrowed one', async () => {
    const shop = await vendor({ name: '小さな文具店' });
    noNumberContract = await contract(shop, '文具購入');
    const borrowed = await invoice(noNumberContract, { registrationNumber: 'T4011001098993' });
    expect(borrowed.status).toBe(422);
    expect(borrowed.body.errors).toEqual([
      { path: 'registrationNumber', message: expect.any(String) },
    ]);

    // Posted 12/01, keyed 12/07: due 2026-12-30 (12-31 is a bank holiday), not 2027-01-06.
    const received = await invoice(noNumberContract, { receivedOn: '2026-12-01' });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({
      qualified: false,
      receivedOn: '2026-12-01',
      dueDate: '2026-12-30',
      inspectionDueDate: '2026-12-11',
      createdBy: 'procurement',
    });
    const id: string = received.body.id;
    await api().post(`/api/invoices/${id}/inspect`).set(as('procurement2')).expect(200);
    const ordered = await api()
      .post(`/api/invoices/${id}/approve`)
      .set(as('accountant'))
      .expect(200);
    expect(ordered.body).toMatchObject({ status: 'approved', orderedBy: 'accountant' });
    const payment = await waitFor(async () => {
      const list = await api()
        .get('/api/payments')
        .query({ invoiceId: id })
        .set(as('accountant'))
        .expect(200);
      return list.body[0];
    });
    expect(payment).toMatchObject({
      status: 'scheduled',
      amount: 11_000,
      netAmount: 11_000,
      dueDate: '2026-12-30',
      orderedBy: 'accountant',
    });

    // Another claim of 12/01 left uninspected: a week later it is late.
    lateInvoice = (await invoice(noNumberContract, { receivedOn: '2026-12-01' })).body.id;
  });

  it('does not let whoever registered an invoice inspect it (403)', async () => {
    const response = await api()
      .post(`/api/invoices/${lateInvoice}/inspect`)
      .set(as('procurement'))
      .expect(403);
    expect(response.body.detail).toMatch(/registered an invoice may not inspect it/);
  });

  it('withholds 10.21% of an individual’s fee: ¥110,000 with ¥10,210 withheld pays ¥99,790', async () => {
    const lecturer = await vendor({ name: '山田 太郎', kind: 'individual' });
    const lecture = await contract(lecturer, '職員研修 講師');
    const response = await invoice(lecture, {
      lines: [{ description: '講演料', amount: 100_000, taxRate: 10, withholding: true }],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      total: 110_000,
      withholdingTax: 10_210,
      netAmount: 99_790,
    });
    const id: string = response.body.id;
    await api().post(`/api/invoices/${id}/inspect`).set(as('procurement2')).expect(200);
    await api().post(`/api/invoices/${id}/approve`).set(as('accountant')).expect(200);
    const payment = await waitFor(async () => {
      const list = await api()
        .get('/api/payments')
        .query({ invoiceId: id })
        .set(as('accountant'))
        .expect(200);
      return list.body[0];
    });
    expect(payment).toMatchObject({ amount: 110_000, withholdingTax: 10_210, netAmount: 99_790 });

    const company = await invoice(plainContract, {
      lines: [{ description: '講演料', amount: 100_000, taxRate: 10, withholding: true }],
    });
    expect(company.status).toBe(422);
  });

  it('a week later, the late inspection takes 3 days off: due 12-31 − 3 = 2026-12-28', async () => {
    await system.restart({ today: '2026-12-14' });
    await logIn();
    const overdue = await api()
      .get('/api/invoices')
      .query({ inspectionOverdue: 'true' })
      .set(as('accountant'))
      .expect(200);
    expect(overdue.body.map((i: { id: string }) => i.id)).toContain(lateInvoice);
    const inspected = await api()
      .post(`/api/invoices/${lateInvoice}/inspect`)
      .set(as('procurement2'))
      .expect(200);
    expect(inspected.body).toMatchObject({
      dueDate: '2026-12-28',
      originalDueDate: '2026-12-30',
      inspectionLateDays: 3,
    });
  }, 60_000);

  it('orders FY2026 in its 出納整理期間, and refuses it once the treasurer has closed it', async () => {
    await system.restart({ today: '2027-05-31' });
    await logIn();
    const inMay = await invoice(noNumberContract, {
      issueDate: '2027-05-20',
      receivedOn: '2027-05-25',
    });
    expect(inMay.body).toMatchObject({ fiscalYear: 2026 });
    await api().post(`/api/invoices/${inMay.body.id}/inspect`).set(as('procurement2')).expect(200);
    await api().post(`/api/invoices/${inMay.body.id}/approve`).set(as('accountant')).expect(200);

    await system.restart({ today: '2027-06-01' });
    await logIn();
    await api().post(`/api/fiscal-years/${FISCAL_YEAR}/close`).set(as('treasurer')).expect(200);
    // The invoice service learns of the close from the payment service's FiscalYearClosed.
    const invoiceService = system.services[1]!;
    await waitFor(async () => {
      const { rows } = await invoiceService.runtime.pool.query(
        'SELECT 1 FROM closed_fiscal_years WHERE fiscal_year = $1',
        [FISCAL_YEAR],
      );
      return rows.length === 1;
    });
    const refused = await api()
      .post(`/api/invoices/${lateInvoice}/approve`)
      .set(as('accountant'))
      .expect(422);
    expect(refused.body.detail).toMatch(/Fiscal year 2026 is closed/);
    const unchanged = await api()
      .get(`/api/invoices/${lateInvoice}`)
      .set(as('auditor'))
      .expect(200);
    expect(unchanged.body.status).toBe('inspected');
  }, 90_000);
});
