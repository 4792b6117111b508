import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer, eventually, testServiceEnv } from '@denpyo/platform/testing';
import { contractService } from '@denpyo/contract';
import { startTcpProxy } from './support/tcp-proxy';

// PostgreSQL goes away under a running service and comes back: /ready says so, writes fail with
// a 503 and change nothing, and the service recovers without a restart.
describe('a database outage', () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let service: RunningService;

  beforeAll(async () => {
    const real = new URL(process.env.TEST_DATABASE_URL ?? '');
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const proxied = new URL(real);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    service = await startService(
      contractService,
      testServiceEnv('contract', { DATABASE_URL: proxied.toString() }),
    );
  });
  afterAll(async () => {
    await proxy?.restore();
    await service?.stop();
    await proxy?.cut();
  });

  it('is reported by /ready, refuses writes with 503, and heals when the database returns', async () => {
    const accountant = await bearer('accountant', { username: 'outage-accountant' });
    const budget = { fiscalYear: 2026, code: '09.09.09.01', name: '停電予算', amount: 1_000 };
    await request(service.app).get('/ready').expect(200);

    await proxy.cut();
    const ready = await request(service.app).get('/ready').expect(503);
    expect(ready.body.checks.database).toBe(false);
    const refused = await request(service.app)
      .post('/api/budgets')
      .set('Authorization', accountant)
      .send(budget);
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

    await proxy.restore();
    await eventually(() => request(service.app).get('/ready').expect(200), 15_000);
    // Created now, not before: the refused request wrote nothing (a second write would be 409).
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', accountant)
      .send(budget)
      .expect(201);
    await request(service.app)
      .post('/api/budgets')
      .set('Authorization', accountant)
      .send(budget)
      .expect(409);
  }, 40_000);
});
