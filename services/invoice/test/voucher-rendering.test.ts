// Issue 8, finding 6: a 100-line 支出命令書 took 345–593 ms of the main thread, and /health took
// 469 ms while four rendered. Vouchers now render on the process's worker pool: /health answers
// at once while four render, a user gets at most two renders at a time (429 for a third, not for
// another user), and the voucher read back is the voucher.
import request from 'supertest';
import { startService, type RunningService } from '@denpyo/platform';
import { bearer, pdfText, testServiceEnv } from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';
import { approvedContract, binary, invoiceBody } from './helpers';

// Workers start and parse fonts, each test renders several 100-line vouchers: slow on a busy machine.
jest.setTimeout(60_000);

let service: RunningService;
let accountant: string;
let auditor: string;
let invoiceId: string;

/** 100 lines, the most an invoice may have: the heaviest voucher (four pages). */
const LINES = Array.from({ length: 100 }, (_, index) => ({
  description: `道路維持補修 資材・作業 第${index + 1}工区`,
  amount: 10_000 + index,
  taxRate: 10 as const,
}));

beforeAll(async () => {
  // Every request renders: with the cache on (PDF_CACHE_MB), this one voucher asked for again
  // would cost no worker, and nothing here would be in flight long enough to be limited.
  service = await startService(
    invoiceService,
    testServiceEnv('invoice', { PDF_WORKERS: 2, PDF_CACHE_MB: 0 }),
  );
  const procurement = await bearer('procurement', { username: 'alice' });
  const inspector = await bearer('procurement', { username: 'bob' });
  accountant = await bearer('accountant', { username: 'carol' });
  auditor = await bearer('auditor', { username: 'dave' });
  const contract = await approvedContract(service, { amount: 100_000_000 });
  const invoice = await request(service.url)
    .post('/api/invoices')
    .set('Authorization', procurement)
    .send(invoiceBody(contract.contractId, { lines: LINES }))
    .expect(201);
  invoiceId = invoice.body.id;
  for (const [action, auth] of [
    ['inspect', inspector],
    ['approve', accountant],
  ]) {
    await request(service.url)
      .post(`/api/invoices/${invoiceId}/${action}`)
      .set('Authorization', auth)
      .send({})
      .expect(200);
  }
  await voucher(accountant); // the pool's workers started and their fonts parsed
});

afterAll(() => service.stop());

function voucher(auth: string) {
  return request(service.url)
    .get(`/api/invoices/${invoiceId}/voucher.pdf`)
    .set('Authorization', auth)
    .buffer(true)
    .parse(binary);
}

it('answers /health at once while four 100-line vouchers render', async () => {
  let rendering = true;
  const healthTimes: number[] = [];
  const poll = (async () => {
    while (rendering) {
      const started = performance.now();
      await request(service.url).get('/health').expect(200);
      healthTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  // Two users, two renders each: within the per-user limit.
  const timed = async (auth: string) => {
    const started = performance.now();
    const response = await voucher(auth);
    return { response, ms: performance.now() - started };
  };
  const renders = await Promise.all([
    timed(accountant),
    timed(accountant),
    timed(auditor),
    timed(auditor),
  ]);
  rendering = false;
  await poll;

  expect(renders.map(({ response }) => response.status)).toEqual([200, 200, 200, 200]);
  const pdfs = renders.map(({ response }) => response.body as Buffer);
  expect(pdfs.every((pdf) => pdf.equals(pdfs[0]))).toBe(true);
  expect(healthTimes.length).toBeGreaterThanOrEqual(3);
  // On the main thread each render held it 280–600 ms, and /health waited as long: at least one
  // whole render. On a machine so loaded that one render takes seconds, a third of one still
  // tells the two apart.
  const quickest = Math.min(...renders.map(({ ms }) => ms));
  expect(Math.max(...healthTimes)).toBeLessThan(Math.max(150, quickest / 3));
});

it('refuses a third concurrent render of one user with 429, and not another user', async () => {
  const [first, second, third, other] = await Promise.all([
    voucher(accountant),
    voucher(accountant),
    voucher(accountant),
    voucher(auditor),
  ]);
  const mine = [first, second, third];
  expect(mine.map((response) => response.status).sort()).toEqual([200, 200, 429]);
  const refused = mine.find((response) => response.status === 429)!;
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.headers['retry-after']).toBe('2');
  expect(JSON.parse(refused.body.toString('utf8'))).toMatchObject({
    status: 429,
    detail: expect.stringContaining('同時に2件まで'),
  });
  expect(other.status).toBe(200);
});

it('serves the whole voucher, every line on its page', async () => {
  const response = await voucher(auditor).expect(200);
  expect(response.headers['content-type']).toMatch(/^application\/pdf/);
  const text = pdfText(response.body as Buffer);
  expect(text).toContain('支出命令書');
  expect(text).toMatch(/1\s+道路維持補修 資材・作業 第1工区\s+10%\s+10,000円/);
  expect(text).toMatch(/100\s+道路維持補修 資材・作業 第100工区\s+10%\s+10,099円/);
  expect(text).toMatch(/小計（税抜）\s+1,004,950円/);
});
