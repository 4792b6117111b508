import { randomUUID } from 'node:crypto';
import { buildEvent, startService, type RunningService, type ServiceEnv } from '@denpyo/platform';
import { eventBusOf, eventually, testServiceEnv } from '@denpyo/platform/testing';
import { TOPICS, type Rank } from '@denpyo/schemas';
import request from 'supertest';
import { contractService } from '../src/service';
import {
  approve,
  as,
  asApprover,
  contractRequest,
  createBudget,
  createVendor,
  nextBudgetCode,
  outboxEvents,
  vendorRequest,
} from './support';

// The v2 rules through HTTP, on a service whose clock is pinned to 2026-09-01 (FY2026).
describe('contracts v2: route by rank, fiscal years, amendments, closing, 流用, bank changes', () => {
  let env: ServiceEnv;
  let service: RunningService;
  let vendorId: string;
  beforeAll(async () => {
    env = { ...testServiceEnv('contract'), DENPYO_TODAY: '2026-09-01' };
    service = await startService(contractService, env);
    vendorId = await createVendor(service);
  });
  afterAll(() => service.stop());

  const api = () => request(service.app);
  const getContract = async (id: string) =>
    (
      await api()
        .get(`/api/contracts/${id}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;
  const getBudget = async (code: string, fiscalYear = 2026) =>
    (
      await api()
        .get(`/api/budgets/${fiscalYear}/${code}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;
  const draft = async (body: Record<string, unknown>) =>
    api()
      .post('/api/contracts')
      .set('Authorization', await as('procurement'))
      .send(body);
  const submit = async (id: string) =>
    api()
      .post(`/api/contracts/${id}/submit`)
      .set('Authorization', await as('procurement', 'procurement-submitter'))
      .expect(200);
  /** An approved contract, signed along its route by one signer per step of that rank. */
  async function approvedContract(amount: number, budgetAmount = 100_000_000) {
    const budgetCode = await createBudget(service, budgetAmount);
    const created = await draft({
      ...contractRequest({ vendorId, budgetCode, amount }),
      method: 'open-tender',
    });
    expect(created.status).toBe(201);
    const submitted = await submit(created.body.id);
    for (const [index, rank] of (submitted.body.route as Rank[]).entries()) {
      expect(
        (await approve(service, created.body.id, `signer-${index}-${rank}`, rank)).status,
      ).toBe(200);
    }
    return { id: created.body.id as string, budgetCode };
  }

  describe('the delegation route (専決規程)', () => {
    it('routes ¥10,000,000 kacho → bucho → fukushicho, refusing a lower rank and a rankless approver', async () => {
      const budgetCode = await createBudget(service, 20_000_000);
      const created = await draft({
        ...contractRequest({ vendorId, budgetCode, amount: 10_000_000 }),
        kind: 'works',
        method: 'designated-tender',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        kind: 'works',
        method: 'designated-tender',
        route: ['kacho', 'bucho', 'fukushicho'],
        requiredApprovals: 3,
        createdBySignature: { username: 'procurement-user', displayName: '試験 procurement-user' },
      });
      const id = created.body.id as string;
      const submitted = await submit(id);
      expect(submitted.body.route).toEqual(['kacho', 'bucho', 'fukushicho']);

      expect((await approve(service, id, 'kacho-1', 'kacho')).status).toBe(200);
      const low = await approve(service, id, 'kacho-2', 'kacho');
      expect(low.status).toBe(403);
      expect(low.body.detail).toMatch(/Step 2 needs a 部長/);
      const rankless = await api()
        .post(`/api/contracts/${id}/approve`)
        .set('Authorization', `Bearer ${await rawToken('no-rank')}`)
        .send({});
      expect(rankless.status).toBe(403);
      expect(rankless.body.detail).toMatch(/no approver rank/);
      expect((await approve(service, id, 'bucho-1', 'bucho')).status).toBe(200);
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 0 });
      const last = await approve(service, id, 'fukushicho-1', 'fukushicho');
      expect(last.status).toBe(200);
      expect(last.body).toMatchObject({
        status: 'approved',
        concludedOn: '2026-09-01',
        approvals: [
          { username: 'kacho-1', rank: 'kacho', displayName: '試験 kacho-1', title: '主事' },
          { username: 'bucho-1', rank: 'bucho' },
          { username: 'fukushicho-1', rank: 'fukushicho' },
        ],
        commitments: [{ fiscalYear: 2026, amount: 10_000_000, encumbered: 10_000_000 }],
      });
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 10_000_000 });
      const [event] = await outboxEvents(service, 'ContractApproved', id);
      expect(event?.payload).toMatchObject({
        kind: 'works',
        method: 'designated-tender',
        concludedOn: '2026-09-01',
      });
      expect(event?.payload).not.toHaveProperty('schedule');
    });

    it('no longer approves ¥9,000,000,000 with two kacho: it needs the shicho', async () => {
      const budgetCode = await createBudget(service, 9_000_000_000);
      const created = await draft(contractRequest({ vendorId, budgetCode, amount: 9_000_000_000 }));
      const id = created.body.id as string;
      await submit(id);
      expect((await approve(service, id, 'k1', 'kacho')).status).toBe(200);
      expect((await approve(service, id, 'k2', 'kacho')).status).toBe(403);
      expect((await approve(service, id, 'b1', 'bucho')).status).toBe(200);
      expect((await approve(service, id, 'f1', 'fukushicho')).status).toBe(200);
      expect((await getContract(id)).status).toBe('submitted');
      expect((await approve(service, id, 'f2', 'fukushicho')).status).toBe(403);
      expect((await approve(service, id, 's1', 'shicho')).body.status).toBe('approved');
    });

    it('lets a draft be edited (not after submission), the route following the new amount', async () => {
      const budgetCode = await createBudget(service, 5_000_000);
      const created = await draft(contractRequest({ vendorId, budgetCode, amount: 500_000 }));
      const id = created.body.id as string;
      expect(created.body.route).toEqual(['kacho']);
      const edited = await api()
        .patch(`/api/contracts/${id}`)
        .set('Authorization', await as('procurement'))
        .send({ amount: 2_000_000, title: '改め' })
        .expect(200);
      expect(edited.body).toMatchObject({
        amount: 2_000_000,
        title: '改め',
        route: ['kacho', 'bucho'],
      });
      await api()
        .patch(`/api/contracts/${id}`)
        .set('Authorization', await as('procurement'))
        .send({ startDate: '2027-04-01', endDate: '2027-05-01' })
        .expect(422);
      await submit(id);
      await api()
        .patch(`/api/contracts/${id}`)
        .set('Authorization', await as('procurement'))
        .send({ amount: 1 })
        .expect(409);
    });
  });

  describe('fiscal years (地方自治法 Art. 208, 214, 235-5)', () => {
    it('refuses a start outside the fiscal year and a multi-year period without its schedule', async () => {
      const budgetCode = await createBudget(service, 5_000_000);
      const outside = await draft({
        ...contractRequest({ vendorId, budgetCode, amount: 1_000 }),
        startDate: '2027-04-01',
        endDate: '2027-05-01',
      });
      expect(outside.status).toBe(422);
      expect(outside.body.errors).toEqual([expect.objectContaining({ path: 'startDate' })]);
      const noSchedule = await draft({
        ...contractRequest({ vendorId, budgetCode, amount: 3_000 }),
        endDate: '2028-03-31',
      });
      expect(noSchedule.status).toBe(422);
      expect(noSchedule.body.errors).toEqual([expect.objectContaining({ path: 'schedule' })]);
      const badSum = await draft({
        ...contractRequest({ vendorId, budgetCode, amount: 3_000 }),
        endDate: '2028-03-31',
        schedule: [
          { fiscalYear: 2026, amount: 1_000 },
          { fiscalYear: 2027, amount: 1_000 },
        ],
      });
      expect(badSum.status).toBe(422);
    });

    it("encumbers only year N at approval, and year N+1's line once that year has begun", async () => {
      const budgetCode = nextBudgetCode();
      const accountant = await as('accountant');
      await api()
        .post('/api/budgets')
        .set('Authorization', accountant)
        .send({ fiscalYear: 2026, code: budgetCode, name: '委託料', amount: 5_000_000 })
        .expect(201);
      const created = await draft({
        ...contractRequest({ vendorId, budgetCode, amount: 3_000_000 }),
        endDate: '2027-09-30',
        schedule: [
          { fiscalYear: 2026, amount: 1_000_000 },
          { fiscalYear: 2027, amount: 2_000_000 },
        ],
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      await submit(id);
      await approve(service, id, 'mk', 'kacho');
      const approved = await approve(service, id, 'mb', 'bucho');
      expect(approved.body).toMatchObject({
        status: 'approved',
        schedule: [
          { fiscalYear: 2026, amount: 1_000_000 },
          { fiscalYear: 2027, amount: 2_000_000 },
        ],
        commitments: [
          { fiscalYear: 2026, encumbered: 1_000_000 },
          { fiscalYear: 2027, encumbered: 0 },
        ],
      });
      expect((await outboxEvents(service, 'ContractApproved', id))[0]?.payload.schedule).toEqual([
        { fiscalYear: 2026, amount: 1_000_000 },
        { fiscalYear: 2027, amount: 2_000_000 },
      ]);
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 1_000_000 });
      // FY2027's line, created before April 1, takes nothing yet.
      await api()
        .post('/api/budgets')
        .set('Authorization', accountant)
        .send({ fiscalYear: 2027, code: budgetCode, name: '委託料', amount: 4_000_000 })
        .expect(201);
      expect(await getBudget(budgetCode, 2027)).toMatchObject({ encumbered: 0 });

      // The same data on 2027-04-01: the start applies FY2027's share, once.
      await service.stop();
      service = await startService(contractService, { ...env, DENPYO_TODAY: '2027-04-01' });
      expect(await getBudget(budgetCode, 2027)).toMatchObject({
        encumbered: 2_000_000,
        available: 2_000_000,
      });
      expect((await getContract(id)).commitments).toEqual([
        { fiscalYear: 2026, amount: 1_000_000, encumbered: 1_000_000 },
        { fiscalYear: 2027, amount: 2_000_000, encumbered: 2_000_000 },
      ]);
      await service.stop();
      service = await startService(contractService, { ...env, DENPYO_TODAY: '2027-04-02' });
      expect(await getBudget(budgetCode, 2027)).toMatchObject({ encumbered: 2_000_000 });
      await service.stop();
      service = await startService(contractService, env);
    });

    it('makes, submits and approves a contract of a fiscal year only until its March 31 (Art. 208)', async () => {
      const past = await createBudget(service, 5_000_000, 2025);
      const over = await draft({
        ...contractRequest({ vendorId, budgetCode: past, amount: 1_000, fiscalYear: 2025 }),
        startDate: '2025-06-01',
        endDate: '2026-03-31',
      });
      expect(over.status).toBe(422);
      expect(over.body.errors).toEqual([
        {
          path: 'fiscalYear',
          message: expect.stringMatching(/fiscal year 2025 ended on 2026-03-31 .*Art\. 208/),
        },
      ]);

      const budgetCode = await createBudget(service, 5_000_000);
      const unsubmitted = await draft(contractRequest({ vendorId, budgetCode, amount: 1_000 }));
      const unapproved = await draft(contractRequest({ vendorId, budgetCode, amount: 2_000 }));
      await submit(unapproved.body.id);
      await service.stop();
      service = await startService(contractService, { ...env, DENPYO_TODAY: '2027-04-01' });
      const refusals = [
        await draft(contractRequest({ vendorId, budgetCode, amount: 1_000 })),
        await api()
          .post(`/api/contracts/${unsubmitted.body.id}/submit`)
          .set('Authorization', await as('procurement', 'procurement-submitter')),
        await approve(service, unapproved.body.id, 'late-kacho', 'kacho'),
      ];
      for (const refused of refusals) {
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([
          { path: 'fiscalYear', message: expect.stringMatching(/fiscal year 2026 ended/) },
        ]);
      }
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 0 });
      expect((await getContract(unapproved.body.id)).status).toBe('submitted');
      await service.stop();
      service = await startService(contractService, env);
    });

    it('records the years the payment service has closed, and moves no money in them', async () => {
      const fromCode = '08.01.01.01';
      const toCode = '08.01.01.02';
      const accountant = await as('accountant');
      for (const code of [fromCode, toCode]) {
        await api()
          .post('/api/budgets')
          .set('Authorization', accountant)
          .send({ fiscalYear: 2025, code, name: '節', amount: 1_000 })
          .expect(201);
      }
      const event = buildEvent(
        'FiscalYearClosed',
        '2025',
        { fiscalYear: 2025, closedBy: 'treasurer', closedAt: '2026-06-01T01:00:00.000Z' },
        { actor: 'treasurer', correlationId: randomUUID() },
      );
      await eventBusOf(service).publish([
        { topic: TOPICS.payment, key: '2025', value: JSON.stringify(event) },
        { topic: TOPICS.payment, key: '2025', value: JSON.stringify(event) },
      ]);
      await eventually(async () => {
        const refused = await api()
          .post('/api/budget-transfers')
          .set('Authorization', accountant)
          .send({ fiscalYear: 2025, fromCode, toCode, amount: 1, reason: '出納閉鎖後' });
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([
          expect.objectContaining({
            path: 'fiscalYear',
            message: expect.stringMatching(/2025 is closed/),
          }),
        ]);
      });
      const { rows } = await service.runtime.pool.query(
        'SELECT fiscal_year FROM closed_fiscal_years',
      );
      expect(rows).toEqual([{ fiscal_year: 2025 }]);
    });
  });

  describe('complete and cancel', () => {
    it('completes releasing amount − invoiced, and publishes ContractClosed', async () => {
      const { id, budgetCode } = await approvedContract(800_000, 1_000_000);
      await service.runtime.pool.query(
        'UPDATE contracts SET invoiced_amount = 300000 WHERE id = $1',
        [id],
      );
      const completed = await api()
        .post(`/api/contracts/${id}/complete`)
        .set('Authorization', await as('procurement'))
        .expect(200);
      expect(completed.body).toMatchObject({ status: 'completed', releasedAmount: 500_000 });
      expect(await getBudget(budgetCode)).toMatchObject({
        encumbered: 300_000,
        available: 700_000,
      });
      expect((await outboxEvents(service, 'ContractClosed', id)).map((e) => e.payload)).toEqual([
        { contractId: id, outcome: 'completed', releasedAmount: 500_000 },
      ]);
      await api()
        .post(`/api/contracts/${id}/complete`)
        .set('Authorization', await as('procurement'))
        .expect(409);
    });

    it('cancels an approved contract without invoices releasing it all; not once invoiced', async () => {
      const { id, budgetCode } = await approvedContract(600_000, 1_000_000);
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 600_000 });
      const cancelled = await api()
        .post(`/api/contracts/${id}/cancel`)
        .set('Authorization', await as('procurement'))
        .send({ reason: '事業中止' })
        .expect(200);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        releasedAmount: 600_000,
        closingReason: '事業中止',
      });
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 0, available: 1_000_000 });
      expect((await outboxEvents(service, 'ContractClosed', id))[0]?.payload).toMatchObject({
        outcome: 'cancelled',
        releasedAmount: 600_000,
        reason: '事業中止',
      });

      const invoiced = await approvedContract(600_000, 1_000_000);
      await service.runtime.pool.query('UPDATE contracts SET invoiced_amount = 1 WHERE id = $1', [
        invoiced.id,
      ]);
      await api()
        .post(`/api/contracts/${invoiced.id}/cancel`)
        .set('Authorization', await as('procurement'))
        .send({ reason: '取消' })
        .expect(409);
      expect(await getBudget(invoiced.budgetCode)).toMatchObject({ encumbered: 600_000 });
    });

    it('cancels a draft, which released nothing', async () => {
      const budgetCode = await createBudget(service, 1_000);
      const created = await draft(contractRequest({ vendorId, budgetCode, amount: 1_000 }));
      const cancelled = await api()
        .post(`/api/contracts/${created.body.id}/cancel`)
        .set('Authorization', await as('procurement'))
        .send({ reason: '起案誤り' })
        .expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', releasedAmount: 0 });
    });
  });

  describe('amendments (変更契約)', () => {
    const amend = async (id: string, body: Record<string, unknown>) =>
      api()
        .post(`/api/contracts/${id}/amendments`)
        .set('Authorization', await as('procurement', 'amender'))
        .send(body);
    const signAmendment = async (id: string, amendmentId: string, who: string, rank: Rank) =>
      api()
        .post(`/api/contracts/${id}/amendments/${amendmentId}/approve`)
        .set('Authorization', await asApprover(who, rank))
        .send({});

    it('increases through the new amount’s route, encumbering more; decreases release', async () => {
      const { id, budgetCode } = await approvedContract(900_000, 2_000_000);
      const increase = await amend(id, {
        amount: 1_500_000,
        endDate: '2027-03-31',
        reason: '数量増',
      });
      expect(increase.status).toBe(201);
      expect(increase.body).toMatchObject({
        status: 'submitted',
        route: ['kacho', 'bucho'],
        previousAmount: 900_000,
        amount: 1_500_000,
      });
      expect((await amend(id, { amount: 1_000_000, reason: '二つ目' })).status).toBe(409);
      const amendmentId = increase.body.id as string;
      expect((await signAmendment(id, amendmentId, 'amender', 'shicho')).status).toBe(403);
      expect((await signAmendment(id, amendmentId, 'ak', 'kacho')).status).toBe(200);
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 900_000 });
      const done = await signAmendment(id, amendmentId, 'ab', 'bucho');
      expect(done.body).toMatchObject({ status: 'approved' });
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 1_500_000 });
      const contract = await getContract(id);
      expect(contract).toMatchObject({
        amount: 1_500_000,
        remainingAmount: 1_500_000,
        amendments: [{ id: amendmentId, status: 'approved' }],
      });
      expect((await outboxEvents(service, 'ContractAmended', id)).map((e) => e.payload)).toEqual([
        {
          contractId: id,
          amendmentId,
          amount: 1_500_000,
          previousAmount: 900_000,
          endDate: '2027-03-31',
          approvedAt: expect.any(String),
        },
      ]);

      const decrease = await amend(id, { amount: 400_000, reason: '数量減' });
      await signAmendment(id, decrease.body.id, 'ak2', 'kacho');
      expect(await getBudget(budgetCode)).toMatchObject({
        encumbered: 400_000,
        available: 1_600_000,
      });
    });

    it("is decided by whoever may sign its next step: never the contract's people or its requester", async () => {
      const { id } = await approvedContract(900_000, 2_000_000);
      const requested = await amend(id, { amount: 1_500_000, reason: '数量増' });
      const amendmentId = requested.body.id as string;
      const reject = async (who: string, rank: Rank) =>
        api()
          .post(`/api/contracts/${id}/amendments/${amendmentId}/reject`)
          .set('Authorization', await asApprover(who, rank))
          .send({ reason: '不要' });
      for (const who of ['procurement-user', 'procurement-submitter', 'amender']) {
        expect((await signAmendment(id, amendmentId, who, 'shicho')).status).toBe(403);
        expect((await reject(who, 'shicho')).status).toBe(403);
      }
      expect((await reject('low', 'kakaricho')).status).toBe(403);
      expect((await signAmendment(id, amendmentId, 'ak', 'kacho')).status).toBe(200);
      // The next step is the 部長's: a 課長 (or the one who signed) cannot reject it.
      expect((await reject('ak2', 'kacho')).status).toBe(403);
      expect((await reject('ak', 'bucho')).status).toBe(409);
      const rejected = await reject('ab', 'bucho');
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '不要' });
      expect((await reject('ab2', 'bucho')).status).toBe(409);
      expect((await getContract(id)).amount).toBe(900_000);
    });

    it('refuses an increase the budget cannot take, and a decrease below what is invoiced', async () => {
      const { id, budgetCode } = await approvedContract(900_000, 1_000_000);
      const increase = await amend(id, { amount: 1_200_000, reason: '数量増' });
      await signAmendment(id, increase.body.id, 'sk', 'kacho');
      const short = await signAmendment(id, increase.body.id, 'sb', 'bucho');
      expect(short.status).toBe(422);
      expect(await getBudget(budgetCode)).toMatchObject({ encumbered: 900_000 });
      expect((await getContract(id)).amount).toBe(900_000);
      await api()
        .post(`/api/contracts/${id}/amendments/${increase.body.id}/reject`)
        .set('Authorization', await asApprover('sb', 'bucho'))
        .send({ reason: '予算不足' })
        .expect(200);

      await service.runtime.pool.query(
        'UPDATE contracts SET invoiced_amount = 500000 WHERE id = $1',
        [id],
      );
      const below = await amend(id, { amount: 499_999, reason: '減額' });
      expect(below.status).toBe(422);
      expect(below.body.errors).toEqual([expect.objectContaining({ path: 'amount' })]);
    });
  });

  describe('budget transfers (流用)', () => {
    it('moves money between 節 of one 目 with a kacho’s approval, never the requester’s', async () => {
      const fromCode = '09.01.01.01';
      const toCode = '09.01.01.02';
      const accountant = await as('accountant', 'acc-1');
      for (const [code, amount] of [
        [fromCode, 1_000_000],
        [toCode, 100_000],
        ['09.01.02.01', 0],
      ] as const) {
        await api()
          .post('/api/budgets')
          .set('Authorization', accountant)
          .send({ fiscalYear: 2026, code, name: '節', amount })
          .expect(201);
      }
      const otherMoku = await api()
        .post('/api/budget-transfers')
        .set('Authorization', accountant)
        .send({ fiscalYear: 2026, fromCode, toCode: '09.01.02.01', amount: 1, reason: '誤り' });
      expect(otherMoku.status).toBe(422);
      const tooMuch = await api()
        .post('/api/budget-transfers')
        .set('Authorization', accountant)
        .send({ fiscalYear: 2026, fromCode, toCode, amount: 1_000_001, reason: '不足' });
      expect(tooMuch.status).toBe(422);
      const requested = await api()
        .post('/api/budget-transfers')
        .set('Authorization', accountant)
        .send({ fiscalYear: 2026, fromCode, toCode, amount: 300_000, reason: '需用費の不足' })
        .expect(201);
      expect(requested.body).toMatchObject({
        status: 'requested',
        requestedBy: { username: 'acc-1' },
      });
      const transferId = requested.body.id as string;
      await api()
        .post(`/api/budget-transfers/${transferId}/approve`)
        .set('Authorization', await asApprover('low', 'kakaricho'))
        .expect(403);
      await api()
        .post(`/api/budget-transfers/${transferId}/approve`)
        .set('Authorization', accountant)
        .expect(403);
      const approved = await api()
        .post(`/api/budget-transfers/${transferId}/approve`)
        .set('Authorization', await asApprover('finance-kacho', 'kacho'))
        .expect(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: { username: 'finance-kacho' },
      });
      expect(await getBudget(fromCode)).toMatchObject({
        amount: 1_000_000,
        transfersOut: 300_000,
        currentAmount: 700_000,
        available: 700_000,
      });
      expect(await getBudget(toCode)).toMatchObject({
        transfersIn: 300_000,
        currentAmount: 400_000,
        available: 400_000,
      });
      await api()
        .post(`/api/budget-transfers/${transferId}/approve`)
        .set('Authorization', await asApprover('finance-kacho2', 'kacho'))
        .expect(409);
      const listed = await api()
        .get('/api/budget-transfers')
        .query({ fiscalYear: '2026' })
        .set('Authorization', await as('auditor'))
        .expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ id: transferId })]);
    });
  });

  describe('bank account changes under four eyes', () => {
    it('refuses a new holder name with a character banks refuse, naming it; writes the 略語', async () => {
      const id = await createVendor(service);
      const newAccount = {
        bankCode: '0005',
        branchCode: '001',
        type: 'ordinary',
        number: '7654321',
        holderKana: 'デンピョウⅡ',
      };
      const refused = await api()
        .post(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('procurement', 'p-req'))
        .send({ bankAccount: newAccount })
        .expect(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          path: 'bankAccount.holderKana',
          message: expect.stringContaining('character "Ⅱ"'),
        }),
      ]);
      const requested = await api()
        .post(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('procurement', 'p-req'))
        .send({ bankAccount: { ...newAccount, holderKana: '医療法人デンピョウカイ' } })
        .expect(201);
      expect(requested.body.bankAccount.holderKana).toBe('ｲ)ﾃﾞﾝﾋﾟﾖｳｶｲ');
    });

    it('replaces the account only when another person approves, and tells the payment service', async () => {
      const id = await createVendor(service);
      const newAccount = {
        bankCode: '0005',
        branchCode: '001',
        type: 'ordinary',
        number: '7654321',
        holderKana: 'カ）デンピョウケンセツ',
      };
      const requested = await api()
        .post(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('procurement', 'p-req'))
        .send({ bankAccount: newAccount, reason: '口座統合' })
        .expect(201);
      expect(requested.body).toMatchObject({
        status: 'requested',
        previousBankAccount: { bankCode: '0001', number: '1234567' },
        bankAccount: { number: '7654321', holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳｹﾝｾﾂ' },
      });
      const changeId = requested.body.id as string;
      await api()
        .post(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('procurement', 'p-req'))
        .send({ bankAccount: newAccount })
        .expect(409);
      await api()
        .post(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('procurement', 'p-req'))
        .send({ bankAccount: { ...newAccount, bankCode: '9999' } })
        .expect(422);
      await api()
        .post(`/api/vendors/${id}/bank-account-changes/${changeId}/approve`)
        .set('Authorization', await as('procurement', 'p-req'))
        .expect(403);
      const vendorBefore = await api()
        .get(`/api/vendors/${id}`)
        .set('Authorization', await as('auditor'));
      expect(vendorBefore.body.bankAccount.number).toBe('1234567');
      await api()
        .post(`/api/vendors/${id}/bank-account-changes/${changeId}/approve`)
        .set('Authorization', await as('accountant', 'acc-ok'))
        .expect(200);
      const vendorAfter = await api()
        .get(`/api/vendors/${id}`)
        .set('Authorization', await as('auditor'));
      expect(vendorAfter.body.bankAccount).toMatchObject({ bankCode: '0005', number: '7654321' });
      expect(
        (await outboxEvents(service, 'VendorBankAccountChanged', id))[0]?.payload,
      ).toMatchObject({
        vendorId: id,
        changeId,
        requestedBy: 'p-req',
        approvedBy: 'acc-ok',
        bankAccount: { number: '7654321' },
      });
      const own = await api()
        .get(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('vendor', 'v-user', id))
        .expect(200);
      expect(own.body).toEqual([expect.objectContaining({ id: changeId, status: 'approved' })]);
      await api()
        .get(`/api/vendors/${id}/bank-account-changes`)
        .set('Authorization', await as('vendor', 'other', randomUUID()))
        .expect(403);
    });

    it('records vendor kind, default corporation', async () => {
      const individual = await api()
        .post('/api/vendors')
        .set('Authorization', await as('procurement'))
        .send({ ...vendorRequest({ invoiceRegistrationNumber: undefined }), kind: 'individual' })
        .expect(201);
      expect(individual.body.kind).toBe('individual');
      expect(
        (await outboxEvents(service, 'VendorRegistered', individual.body.id))[0]?.payload.kind,
      ).toBe('individual');
      const corporation = await api()
        .get(`/api/vendors/${vendorId}`)
        .set('Authorization', await as('auditor'));
      expect(corporation.body.kind).toBe('corporation');
    });
  });
});

/** A token of an approver without a rank (a user made before ranks existed). */
async function rawToken(username: string): Promise<string> {
  const { testToken } = await import('@denpyo/platform/testing');
  return testToken({ username, roles: ['approver'] });
}
