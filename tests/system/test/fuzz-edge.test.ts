import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { DatabaseFingerprint, isProblem, logIn, schemasOf } from './fuzz-support';
import { startSystem, type RunningSystem } from './support/system';

// Issue 8, findings 4 and 8, reproduced: a deeply nested body through the portal was a 503 (the
// portal re-serialised it and overflowed its stack) and with an Idempotency-Key a 500 (the key's
// hash re-serialised it); a client's X-Correlation-Id reached the audit trail verbatim. Now the
// edge of every process refuses bodies beyond its limits with a 400 naming the limit, the portal
// forwards the bytes it received, and only a short token is taken as a correlation id.

const nested = (depth: number) => `{"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('the edge of every process', () => {
  let system: RunningSystem;
  let database: DatabaseFingerprint;
  let accountant: string;
  const portal = () => request(system.portal.app);
  const contractService = () => request(system.services[0]!.app);
  /** POST /api/budgets through the portal as the accountant: the request most tests send. */
  const postBudget = () =>
    portal().post('/api/budgets').set('Authorization', `Bearer ${accountant}`);

  beforeAll(async () => {
    system = await startSystem();
    database = new DatabaseFingerprint(schemasOf(system));
    accountant = await logIn(system, 'accountant');
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await system?.stop();
  });

  /** Sends `body` as the JSON text it is, and checks the refusal changed nothing. */
  async function refusedUnchanged(
    call: request.Test,
    body: string | Buffer,
    expected: { status: number; detail: RegExp },
  ) {
    const before = await database.take();
    if (!call.get('Content-Type')) call.set('Content-Type', 'application/json');
    const response = await call.send(body);
    expect([response.status, response.body.detail]).toEqual([
      expected.status,
      expect.stringMatching(expected.detail),
    ]);
    expect(isProblem(response)).toBe(true);
    const idempotencyKey = call.get('Idempotency-Key');
    expect(
      await database.unexpectedChanges(before, await database.take(), {
        status: response.status,
        ...(idempotencyKey ? { idempotencyKey } : {}),
      }),
    ).toEqual([]);
    return response;
  }

  it('refuses 20,000 levels of nesting through the portal with a 400, not a 503', async () => {
    await refusedUnchanged(postBudget(), nested(20_000), {
      status: 400,
      detail: /deeper than 32 levels/,
    });
  });

  it('refuses it at a service too, with an Idempotency-Key, with a 400, not a 500', async () => {
    await refusedUnchanged(
      contractService()
        .post('/api/budgets')
        .set('Authorization', `Bearer ${accountant}`)
        .set('Idempotency-Key', randomUUID()),
      nested(20_000),
      { status: 400, detail: /deeper than 32 levels/ },
    );
  });

  it('takes 32 levels to the schema (which refuses the body), and refuses 33 at the edge', async () => {
    const call = () => postBudget().set('Idempotency-Key', randomUUID());
    await refusedUnchanged(call(), nested(31), { status: 400, detail: /^Invalid body$/ });
    await refusedUnchanged(call(), nested(32), { status: 400, detail: /deeper than 32 levels/ });
  });

  it('refuses more than 50,000 values, and takes a settlement-sized body to the schema', async () => {
    const many = (count: number) => `{"x":[${Array(count).fill('0').join(',')}]}`;
    await refusedUnchanged(postBudget(), many(50_001), {
      status: 400,
      detail: /more than 50000 values/,
    });
    await refusedUnchanged(postBudget(), many(30_000), { status: 400, detail: /^Invalid body$/ });
  });

  it('refuses half a surrogate pair and NUL, which PostgreSQL cannot store, but not a whole pair', async () => {
    const budget = (name: string) =>
      `{"fiscalYear":2026,"code":"09.09.09.10","name":"${name}","amount":1000}`;
    for (const lone of ['\\ud800', '\\udfff', 'a\\ud83d', '\\ud83d\\u0041', '\\ude00x']) {
      await refusedUnchanged(postBudget(), budget(lone), { status: 400, detail: /surrogate/ });
    }
    await refusedUnchanged(postBudget(), budget('a\\u0000b'), { status: 400, detail: /NUL/ });
    const whole = await postBudget()
      .set('Content-Type', 'application/json')
      .send(budget('費\\ud83d\\ude00'));
    expect(whole.status).toBe(201);
    expect(whole.body.name).toBe('費😀');
  });

  it('refuses JSON in another encoding than UTF-8 with a 415', async () => {
    await refusedUnchanged(
      postBudget().set('Content-Type', 'application/json; charset=utf-16le'),
      Buffer.from('{"fiscalYear":2026}', 'utf16le'),
      { status: 415, detail: /UTF-8/ },
    );
  });

  it('forwards the bytes it received: a gzipped body, and a key replayed directly at the service', async () => {
    const text = `{ "fiscalYear" : 2026, "code":"09.09.08.01",\n  "name":"委託料", "amount": 5000 }`;
    const key = randomUUID();
    const post = (url: string, body: Buffer | string, headers: Record<string, string> = {}) =>
      fetch(`${url}/api/budgets`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${accountant}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': key,
          ...headers,
        },
        body,
      });
    const viaPortal = await post(system.portal.url, gzipSync(Buffer.from(text)), {
      'Content-Encoding': 'gzip',
    });
    expect(viaPortal.status).toBe(201);
    const created = await viaPortal.text();
    // The service hashed the very bytes the client wrote (inflated): the same bytes sent to the
    // service itself replay the answer; the same value written otherwise is another request.
    const direct = await post(system.services[0]!.url, text);
    expect([direct.status, direct.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    expect(await direct.text()).toBe(created);
    const reformatted = await post(system.services[0]!.url, JSON.stringify(JSON.parse(text)));
    expect(reformatted.status).toBe(422);
  });

  it('answers a corrupt gzip body with a 400, not a 500', async () => {
    await refusedUnchanged(postBudget().set('Content-Encoding', 'gzip'), '{"fiscalYear":2026}', {
      status: 400,
      detail: /could not be read/,
    });
  });

  // What the fuzz suite found (fuzz.test.ts), kept as plain cases.
  it('answers a path parameter that is no UTF-8 percent-encoding with a 400, not a 500', async () => {
    for (const segment of ['%ED%A0%80', '%FF%FE', '%E0%A4%A']) {
      const response = await portal()
        .get(`/api/budgets/2026/${segment}`)
        .set('Authorization', `Bearer ${accountant}`);
      expect([segment, response.status, isProblem(response)]).toEqual([segment, 400, true]);
    }
  });

  it('refuses a withholding month the holiday calendar does not cover with a 422, not a 500', async () => {
    const treasurer = await logIn(system, 'treasurer');
    for (const month of ['7473-12', '0131-07', '2050-12']) {
      for (const path of ['/api/withholding-ledger', '/api/withholding-ledger/summary']) {
        const response = await portal()
          .get(`${path}?month=${month}`)
          .set('Authorization', `Bearer ${treasurer}`);
        expect([path, month, response.status, response.body.errors?.[0]?.path]).toEqual([
          path,
          month,
          422,
          'month',
        ]);
      }
    }
    const covered = await portal()
      .get('/api/withholding-ledger/summary?month=2026-11')
      .set('Authorization', `Bearer ${treasurer}`);
    expect([covered.status, covered.body.paymentDueTo]).toEqual([200, '2026-12-10']);
  });

  it('keeps a hostile X-Correlation-Id out of the audit trail and answers with the one it used', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      'x'.repeat(10_000),
      'a b',
      'admin\tapproved',
      'x'.repeat(65),
      '../../etc/passwd',
    ];
    const contractSchema = system.services[0]!.runtime.env.DB_SCHEMA!;
    const auditOf = (code: string) =>
      database.read<{ correlation_id: string }>(
        `SELECT correlation_id FROM "${contractSchema}".audit_log WHERE after::text LIKE $1`,
        [`%${code}%`],
      );
    for (const [index, value] of hostile.entries()) {
      const code = `09.09.07.${String(10 + index)}`;
      const response = await postBudget()
        .set('X-Correlation-Id', value)
        .send({ fiscalYear: 2026, code, name: '備品購入費', amount: 1000 });
      expect(response.status).toBe(201);
      const used = response.headers['x-correlation-id'];
      expect(used).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      expect(used).not.toBe(value);
      const audited = await auditOf(code);
      expect(audited.map((row) => row.correlation_id)).toEqual([used]);
    }
    // A short token is the client's to choose, and is kept end to end.
    const chosen = `trace-${randomUUID()}`;
    const kept = await postBudget()
      .set('X-Correlation-Id', chosen)
      .send({ fiscalYear: 2026, code: '09.09.07.99', name: '備品購入費', amount: 1000 });
    expect([kept.status, kept.headers['x-correlation-id']]).toEqual([201, chosen]);
    const audited = await auditOf('09.09.07.99');
    expect(audited.map((row) => row.correlation_id)).toEqual([chosen]);
  });
});
