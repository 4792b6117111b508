import type { RunningService } from '@denpyo/platform';
import request from 'supertest';
import { as, nextBudgetCode, startContractService } from './support';

describe('budgets', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startContractService();
  });
  afterAll(() => service.stop());

  it('creates a budget line and reports what is available', async () => {
    const code = nextBudgetCode();
    const body = { fiscalYear: 2026, code, name: '委託料', amount: 5_000_000 };
    const created = await request(service.app)
      .post('/api/budgets')
      .set('Authorization', await as('accountant'))
      .send(body)
      .expect(201);
    const expected = {
      ...body,
      transfersIn: 0,
      transfersOut: 0,
      currentAmount: 5_000_000,
      encumbered: 0,
      spent: 0,
      available: 5_000_000,
    };
    expect(created.body).toEqual(expected);
    const fetched = await request(service.app)
      .get(`/api/budgets/2026/${code}`)
      .set('Authorization', await as('procurement'))
      .expect(200);
    expect(fetched.body).toEqual(expected);
  });

  it('keeps the city names of a line’s 款・項・目 for its vouchers', async () => {
    const code = nextBudgetCode();
    const names = { kanName: '民生費', kouName: '社会福祉費', mokuName: '社会福祉総務費' };
    const body = { fiscalYear: 2026, code, name: '委託料', amount: 1_000, ...names };
    const created = await request(service.app)
      .post('/api/budgets')
      .set('Authorization', await as('accountant'))
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject(names);
    const fetched = await request(service.app)
      .get(`/api/budgets/2026/${code}`)
      .set('Authorization', await as('procurement'))
      .expect(200);
    expect(fetched.body).toMatchObject(names);
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', await as('accountant'))
      .send({ ...body, code: nextBudgetCode(), kanName: '' })
      .expect(400);
  });

  it('refuses a second line with the same fiscal year and code with 409', async () => {
    const code = nextBudgetCode();
    const auth = await as('accountant');
    const body = { fiscalYear: 2026, code, name: '委託料', amount: 1 };
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', auth)
      .send(body)
      .expect(201);
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', auth)
      .send(body)
      .expect(409);
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', auth)
      .send({ ...body, fiscalYear: 2027 })
      .expect(201);
  });

  it('checks roles, bodies and keys', async () => {
    const body = { fiscalYear: 2026, code: nextBudgetCode(), name: '委託料', amount: 1 };
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', await as('procurement'))
      .send(body)
      .expect(403);
    const bad = await request(service.app)
      .post('/api/budgets')
      .set('Authorization', await as('accountant'))
      .send({ ...body, code: '1.2.3', amount: -5 })
      .expect(400);
    expect((bad.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
      'amount',
      'code',
    ]);
    const auth = await as('auditor');
    await request(service.app)
      .get('/api/budgets/2026/99.99.99.99')
      .set('Authorization', auth)
      .expect(404);
    await request(service.app)
      .get('/api/budgets/20x6/01.01.01.01')
      .set('Authorization', auth)
      .expect(400);
    await request(service.app)
      .get('/api/budgets/2026/01.01.01.01')
      .set('Authorization', await as('vendor'))
      .expect(403);
  });
});
