import { randomUUID } from 'node:crypto';
import {
  createPrismaClient,
  createUnitOfWork,
  type Caller,
  type RunningService,
} from '@denpyo/platform';
import type { Rank } from '@denpyo/schemas';
import request from 'supertest';
import { createContractApplication, type ContractApplication } from '../src/application';
import { contractRules } from '../src/config';
import type { Db, Tx } from '../src/db/prisma';
import { PrismaClient } from '../src/generated/prisma/client';
import { BEGUN_YEARS_INTERVAL_MS, contractService } from '../src/service';
import {
  approve,
  as,
  contractRequest,
  createVendor,
  nextBudgetCode,
  startContractService,
} from './support';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A multi-year contract's later year (債務負担行為) reaches its budget line once that year has
// begun: in a service that keeps running through April 1, and never twice or lost when a
// contract is being changed at the same moment.
describe('later years of multi-year contracts', () => {
  let service: RunningService;
  let prisma: Db;
  let vendorId: string;
  /** The day the application below sees (the service itself stays on 2026-09-01). */
  let day = '2026-09-01';
  let app: ContractApplication;
  beforeAll(async () => {
    service = await startContractService();
    prisma = createPrismaClient(PrismaClient, service.runtime);
    app = createContractApplication({
      db: prisma,
      uow: createUnitOfWork<Tx>(prisma),
      cityName: 'テスト市',
      publicUrl: 'http://localhost:3000',
      today: () => day,
      ...contractRules({}),
    });
    vendorId = await createVendor(service);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await service.stop();
  });

  const api = () => request(service.app);
  const line = async (code: string, fiscalYear: number) =>
    (
      await api()
        .get(`/api/budgets/${fiscalYear}/${code}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body;
  const commitments = async (id: string) =>
    (
      await api()
        .get(`/api/contracts/${id}`)
        .set('Authorization', await as('auditor'))
        .expect(200)
    ).body.commitments;
  async function createLine(code: string, fiscalYear: number, amount: number) {
    await api()
      .post('/api/budgets')
      .set('Authorization', await as('accountant'))
      .send({ fiscalYear, code, name: '委託料', amount })
      .expect(201);
  }
  /** An approved contract of ¥1,000,000 in FY2026 and ¥2,000,000 in FY2027 on line `code`. */
  async function twoYearContract(code: string): Promise<string> {
    const created = await api()
      .post('/api/contracts')
      .set('Authorization', await as('procurement'))
      .send({
        ...contractRequest({ vendorId, budgetCode: code, amount: 3_000_000 }),
        endDate: '2027-09-30',
        schedule: [
          { fiscalYear: 2026, amount: 1_000_000 },
          { fiscalYear: 2027, amount: 2_000_000 },
        ],
      })
      .expect(201);
    const id = created.body.id as string;
    await api()
      .post(`/api/contracts/${id}/submit`)
      .set('Authorization', await as('procurement', 'procurement-submitter'))
      .expect(200);
    expect((await approve(service, id, 'by-kacho', 'kacho')).status).toBe(200);
    expect((await approve(service, id, 'by-bucho', 'bucho')).body.status).toBe('approved');
    return id;
  }
  const caller = (username: string, rank?: Rank): Caller => ({
    user: { username, roles: [rank ? 'approver' : 'accountant'], ...(rank ? { rank } : {}) },
    correlationId: randomUUID(),
  });

  it('is applied by the hourly task once April 1 has come, not before', async () => {
    const code = nextBudgetCode();
    await createLine(code, 2026, 5_000_000);
    await createLine(code, 2027, 5_000_000);
    const id = await twoYearContract(code);
    const tasks = contractService.every;
    const [task] = typeof tasks === 'function' ? [] : (tasks ?? []);
    expect(task?.intervalMs).toBe(BEGUN_YEARS_INTERVAL_MS);
    expect(BEGUN_YEARS_INTERVAL_MS).toBe(3_600_000);

    day = '2027-03-31';
    await task!.run(app);
    expect(await line(code, 2027)).toMatchObject({ encumbered: 0 });
    day = '2027-04-01';
    await task!.run(app);
    await task!.run(app);
    expect(await line(code, 2027)).toMatchObject({ encumbered: 2_000_000 });
    expect(await commitments(id)).toEqual([
      { fiscalYear: 2026, amount: 1_000_000, encumbered: 1_000_000 },
      { fiscalYear: 2027, amount: 2_000_000, encumbered: 2_000_000 },
    ]);
  });

  it('waits for a contract being changed, then applies only what is still due', async () => {
    day = '2026-09-01';
    const code = nextBudgetCode();
    await createLine(code, 2026, 5_000_000);
    await createLine(code, 2027, 5_000_000);
    const id = await twoYearContract(code);

    // An amendment approval holds the contract: it read FY2027 as 2,000,000 with nothing
    // encumbered and will write the year as 2,500,000, all of it encumbered.
    const amendment = await service.runtime.pool.connect();
    try {
      await amendment.query('BEGIN');
      await amendment.query('SELECT id FROM contracts WHERE id = $1 FOR UPDATE', [id]);
      day = '2027-04-01';
      let settled = false;
      const run = app.applyBegunCommitments().then((applied) => {
        settled = true;
        return applied;
      });
      await pause(500);
      expect(settled).toBe(false);
      await amendment.query(
        'UPDATE budgets SET encumbered = encumbered + 2500000 WHERE fiscal_year = 2027 AND code = $1',
        [code],
      );
      await amendment.query(
        `UPDATE contract_commitments SET amount = 2500000, encumbered = 2500000
         WHERE contract_id = $1 AND fiscal_year = 2027`,
        [id],
      );
      await amendment.query('COMMIT');
      expect(await run).toBe(0);
    } finally {
      amendment.release();
    }
    expect(await line(code, 2027)).toMatchObject({ encumbered: 2_500_000 });
    expect((await commitments(id))[1]).toEqual({
      fiscalYear: 2027,
      amount: 2_500_000,
      encumbered: 2_500_000,
    });
  });

  it('approves a 流用 while the contract due on its source line is being changed, without deadlock', async () => {
    day = '2026-09-01';
    const from = '07.01.01.01';
    const to = '07.01.01.02';
    await createLine(from, 2026, 5_000_000);
    await createLine(from, 2027, 2_000_000);
    await createLine(to, 2027, 0);
    const id = await twoYearContract(from);
    day = '2027-04-01';
    const requested = await app.requestBudgetTransfer(
      { fiscalYear: 2027, fromCode: from, toCode: to, amount: 100_000, reason: '不足' },
      caller('acc'),
    );
    if (!requested.ok) throw new Error(requested.refusal.message);

    // Another change holds the contract and is about to write the source line.
    const other = await service.runtime.pool.connect();
    let approval: ReturnType<ContractApplication['approveBudgetTransfer']>;
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM contracts WHERE id = $1 FOR UPDATE', [id]);
      approval = app.approveBudgetTransfer(requested.value.id, caller('finance', 'kacho'));
      await pause(300);
      await other.query(
        'UPDATE budgets SET amount = amount + 100000 WHERE fiscal_year = 2027 AND code = $1',
        [from],
      );
      await other.query('COMMIT');
    } finally {
      other.release();
    }
    // The year due on the source line (¥2,000,000) came first, then the ¥100,000 left.
    expect(await approval).toMatchObject({ ok: true, value: { status: 'approved' } });
    expect(await line(from, 2027)).toMatchObject({
      encumbered: 2_000_000,
      transfersOut: 100_000,
      available: 0,
    });
  });
});
