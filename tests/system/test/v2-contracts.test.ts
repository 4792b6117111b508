import request from 'supertest';
import { signInDemoUsers, startSystem, type RunningSystem } from './support/system';

// The contract service's v2 rules through the portal with the demo users: the route by rank,
// four eyes on bank accounts, amendments, completion and cancellation releasing the budget,
// 流用, and a multi-year contract whose next year encumbers its line once that year begins.
const TODAY = '2026-09-01';

describe('v2 contracts through the portal', () => {
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const users = [
    'procurement',
    'procurement2',
    'approver',
    'approver2',
    'approver3',
    'approver4',
    'accountant',
    'accountant2',
    'auditor',
  ];
  let vendorId: string;

  async function login() {
    Object.assign(tokens, await signInDemoUsers(system, users));
  }

  beforeAll(async () => {
    system = await startSystem({ today: TODAY });
    await login();
    const vendor = await api()
      .post('/api/vendors')
      .set(as('procurement'))
      .send({
        name: '株式会社デンピョウ設備',
        nameKana: 'カブシキガイシャデンピョウセツビ',
        kind: 'corporation',
        bankAccount: {
          bankCode: '0001',
          branchCode: '001',
          type: 'ordinary',
          number: '1111111',
          holderKana: 'カ）デンピョウセツビ',
        },
      })
      .expect(201);
    vendorId = vendor.body.id;
  }, 60_000);
  afterAll(() => system?.stop());

  let codes = 0;
  async function budget(amount: number, fiscalYear = 2026, code?: string) {
    codes += 1;
    const budgetCode = code ?? `02.01.01.${String(codes).padStart(2, '0')}`;
    await api()
      .post('/api/budgets')
      .set(as('accountant'))
      .send({ fiscalYear, code: budgetCode, name: '工事請負費', amount })
      .expect(201);
    return budgetCode;
  }
  const getBudget = async (code: string, fiscalYear = 2026) =>
    (await api().get(`/api/budgets/${fiscalYear}/${code}`).set(as('auditor')).expect(200)).body;
  async function submitted(budgetCode: string, amount: number, extra: object = {}) {
    const created = await api()
      .post('/api/contracts')
      .set(as('procurement'))
      .send({
        vendorId,
        title: '市民会館空調設備改修工事',
        budgetCode,
        fiscalYear: 2026,
        amount,
        taxRate: 10,
        startDate: '2026-10-01',
        endDate: '2027-03-31',
        kind: 'works',
        method: 'open-tender',
        ...extra,
      })
      .expect(201);
    await api().post(`/api/contracts/${created.body.id}/submit`).set(as('procurement')).expect(200);
    return created.body.id as string;
  }
  const sign = (path: string, user: string) => api().post(path).set(as(user)).send({});

  it('routes ¥10,000,000 kacho → bucho → fukushicho; a lower rank and the submitter are refused', async () => {
    const code = await budget(20_000_000);
    const id = await submitted(code, 10_000_000);
    const contract = await api().get(`/api/contracts/${id}`).set(as('auditor')).expect(200);
    expect(contract.body.route).toEqual(['kacho', 'bucho', 'fukushicho']);
    await sign(`/api/contracts/${id}/approve`, 'procurement').expect(403);
    await sign(`/api/contracts/${id}/approve`, 'approver').expect(200);
    const twice = await sign(`/api/contracts/${id}/approve`, 'approver').expect(409);
    expect(twice.body.detail).toMatch(/already approved/);
    await sign(`/api/contracts/${id}/approve`, 'approver2').expect(200);
    expect((await getBudget(code)).encumbered).toBe(0);
    const done = await sign(`/api/contracts/${id}/approve`, 'approver3').expect(200);
    expect(done.body.status).toBe('approved');
    expect(done.body.approvals.map((a: { rank: string }) => a.rank)).toEqual([
      'kacho',
      'bucho',
      'fukushicho',
    ]);
    expect((await getBudget(code)).encumbered).toBe(10_000_000);
    const voucher = await api()
      .get(`/api/contracts/${id}/voucher.pdf`)
      .set(as('auditor'))
      .expect(200);
    expect(voucher.headers['content-type']).toBe('application/pdf');

    // A higher rank may sign a lower rank's step: the 市長 signs the 部長's.
    const other = await submitted(code, 2_000_000);
    await sign(`/api/contracts/${other}/approve`, 'approver').expect(200);
    const byShicho = await sign(`/api/contracts/${other}/approve`, 'approver4').expect(200);
    expect(byShicho.body.status).toBe('approved');
  });

  it('refuses a lower rank for a higher step', async () => {
    const code = await budget(5_000_000);
    const id = await submitted(code, 1_500_000);
    await sign(`/api/contracts/${id}/approve`, 'approver2').expect(200); // a bucho for the kacho step
    const low = await sign(`/api/contracts/${id}/approve`, 'approver').expect(403);
    expect(low.body.detail).toMatch(/needs a 部長/);
  });

  it('changes a bank account only under four eyes', async () => {
    const account = {
      bankCode: '0005',
      branchCode: '001',
      type: 'ordinary',
      number: '2222222',
      holderKana: 'カ）デンピョウセツビ',
    };
    const change = await api()
      .post(`/api/vendors/${vendorId}/bank-account-changes`)
      .set(as('procurement'))
      .send({ bankAccount: account })
      .expect(201);
    expect(change.body.status).toBe('requested');
    await api()
      .post(`/api/vendors/${vendorId}/bank-account-changes/${change.body.id}/approve`)
      .set(as('procurement'))
      .expect(403);
    await api()
      .post(`/api/vendors/${vendorId}/bank-account-changes/${change.body.id}/approve`)
      .set(as('procurement2'))
      .expect(200);
    const vendor = await api().get(`/api/vendors/${vendorId}`).set(as('auditor')).expect(200);
    expect(vendor.body.bankAccount).toMatchObject({ bankCode: '0005', number: '2222222' });
  });

  it('amends up and down with the budget following, completes and cancels releasing', async () => {
    const code = await budget(3_000_000);
    const id = await submitted(code, 900_000);
    await sign(`/api/contracts/${id}/approve`, 'approver').expect(200);
    expect((await getBudget(code)).encumbered).toBe(900_000);

    const up = await api()
      .post(`/api/contracts/${id}/amendments`)
      .set(as('procurement'))
      .send({ amount: 1_200_000, reason: '設計変更による増額' })
      .expect(201);
    expect(up.body.route).toEqual(['kacho', 'bucho']);
    await sign(`/api/contracts/${id}/amendments/${up.body.id}/approve`, 'approver').expect(200);
    await sign(`/api/contracts/${id}/amendments/${up.body.id}/approve`, 'approver2').expect(200);
    expect((await getBudget(code)).encumbered).toBe(1_200_000);

    const down = await api()
      .post(`/api/contracts/${id}/amendments`)
      .set(as('procurement'))
      .send({ amount: 1_000_000, reason: '数量減' })
      .expect(201);
    await sign(`/api/contracts/${id}/amendments/${down.body.id}/approve`, 'approver').expect(200);
    await sign(`/api/contracts/${id}/amendments/${down.body.id}/approve`, 'approver2').expect(200);
    expect((await getBudget(code)).encumbered).toBe(1_000_000);

    const completed = await api()
      .post(`/api/contracts/${id}/complete`)
      .set(as('procurement'))
      .expect(200);
    expect(completed.body).toMatchObject({ status: 'completed', releasedAmount: 1_000_000 });
    expect((await getBudget(code)).encumbered).toBe(0);

    const other = await submitted(code, 500_000);
    await sign(`/api/contracts/${other}/approve`, 'approver').expect(200);
    expect((await getBudget(code)).encumbered).toBe(500_000);
    await api()
      .post(`/api/contracts/${other}/cancel`)
      .set(as('procurement'))
      .send({ reason: '事業中止' })
      .expect(200);
    expect((await getBudget(code)).encumbered).toBe(0);
  });

  it('transfers between 節 of one 目 (流用) with a kacho’s approval', async () => {
    const from = await budget(1_000_000, 2026, '03.01.01.01');
    const to = await budget(0, 2026, '03.01.01.02');
    const transfer = await api()
      .post('/api/budget-transfers')
      .set(as('accountant'))
      .send({
        fiscalYear: 2026,
        fromCode: from,
        toCode: to,
        amount: 400_000,
        reason: '修繕料の不足',
      })
      .expect(201);
    await api()
      .post(`/api/budget-transfers/${transfer.body.id}/approve`)
      .set(as('accountant2'))
      .expect(403);
    await api()
      .post(`/api/budget-transfers/${transfer.body.id}/approve`)
      .set(as('approver'))
      .expect(200);
    expect(await getBudget(from)).toMatchObject({ currentAmount: 600_000, available: 600_000 });
    expect(await getBudget(to)).toMatchObject({ currentAmount: 400_000, available: 400_000 });
  });

  it('encumbers the next year of a multi-year contract when that year begins', async () => {
    const code = await budget(5_000_000, 2026, '04.01.01.01');
    await budget(5_000_000, 2027, code);
    const id = await submitted(code, 3_000_000, {
      endDate: '2027-09-30',
      schedule: [
        { fiscalYear: 2026, amount: 1_000_000 },
        { fiscalYear: 2027, amount: 2_000_000 },
      ],
    });
    await sign(`/api/contracts/${id}/approve`, 'approver').expect(200);
    await sign(`/api/contracts/${id}/approve`, 'approver2').expect(200);
    expect((await getBudget(code)).encumbered).toBe(1_000_000);
    expect((await getBudget(code, 2027)).encumbered).toBe(0);

    await system.restart({ today: '2027-04-01' });
    await login();
    expect((await getBudget(code, 2027)).encumbered).toBe(2_000_000);
    expect((await getBudget(code)).encumbered).toBe(1_000_000);
  }, 60_000);
});
