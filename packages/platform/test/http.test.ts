import { randomUUID } from 'node:crypto';
import type express from 'express';
import { Registry } from 'prom-client';
import request from 'supertest';
import type { Pool } from 'pg';
import { z } from 'zod';
import { auditSearch, declareOperations, json } from '@denpyo/schemas';
import { ok, refuse } from '../src/application/outcome';
import { createUnitOfWork, type TransactionalClient } from '../src/application/unit-of-work';
import { makeSearchAudit } from '../src/audit';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, pgExecutor, withTransaction } from '../src/db/pool';
import type { PrismaRawClient } from '../src/events/prisma-executor';
import { createApp } from '../src/http/app';
import { registerOperations } from '../src/http/operations';
import { createLogger } from '../src/logger';
import { bearer, TEST_JWKS, uniqueSchema } from '../src/testing';
import { createTokenVerifier } from '../src/http/auth';

// A service's operations in miniature: declared once, registered from the declaration.
const THING = z.object({ name: z.string(), id: z.uuid(), createdBy: z.string() });
const OPERATIONS = declareOperations({
  createThing: {
    method: 'post',
    path: '/api/things',
    owner: 'contract',
    tag: 'contract',
    summary: 'Create a thing',
    roles: ['procurement'],
    body: z.strictObject({ name: z.string().min(1) }),
    response: json(THING, 'The thing', 201),
    location: '/api/things/{id}',
  },
  searchContractAudit: auditSearch('contract'),
});

/** The unit of work on a plain pg pool, in place of a generated PrismaClient. */
function pgTransactions(pool: Pool): TransactionalClient<PrismaRawClient> {
  return {
    $transaction: (work) =>
      withTransaction(pool, (_sql, connection) =>
        work({
          $queryRawUnsafe: async (sql: string, ...values: unknown[]) =>
            (await connection.query(sql, values)).rows,
        }),
      ),
  };
}

// The HTTP edge every service shares, on a real database: problem+json errors, auth, the body
// limits, health endpoints and Idempotency-Key, through a tiny app that writes like a service.
describe('the shared HTTP edge', () => {
  let pool: Pool;
  let app: express.Express;
  let ready = true;
  let failAfterCommit = false;
  let busy = false;

  beforeAll(async () => {
    const schema = uniqueSchema('http');
    pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
    await pool.query('CREATE TABLE things (id uuid PRIMARY KEY, name text NOT NULL)');
    const uow = createUnitOfWork(pgTransactions(pool));
    app = createApp({
      logger: createLogger('http-test', 'silent'),
      registry: new Registry(),
      readiness: async () => ({ database: true, eventBus: ready }),
      mount(api) {
        registerOperations(
          api,
          OPERATIONS,
          {
            createThing: async ({ body, caller }) => {
              if (busy) return refuse('conflict', 'Something else is changing it; retry');
              const outcome = await uow.run(caller, async ({ sql, audit }) => {
                const thing = {
                  name: body.name,
                  id: randomUUID(),
                  createdBy: caller.user.username,
                };
                await sql.query('INSERT INTO things (id, name) VALUES ($1, $2)', [
                  thing.id,
                  thing.name,
                ]);
                audit({ action: 'thing.created', entityType: 'thing', entityId: thing.id });
                return ok(thing);
              });
              if (failAfterCommit) throw new Error('lost after commit');
              return outcome;
            },
            searchContractAudit: ({ query }) => makeSearchAudit(pgExecutor(pool))(query),
          },
          { verifyToken: createTokenVerifier({ jwks: TEST_JWKS }), pool },
        );
      },
    });
  });
  afterAll(() => pool.end());
  beforeEach(() => {
    failAfterCommit = false;
    busy = false;
  });

  const things = async () =>
    Number((await pool.query('SELECT count(*) FROM things')).rows[0].count);
  const post = async (body: unknown, key?: string) => {
    const call = request(app)
      .post('/api/things')
      .set('Authorization', await bearer('procurement', { username: 'pat' }));
    return (key ? call.set('Idempotency-Key', key) : call).send(body as object);
  };

  it('answers /health, /ready (503 when a dependency is down) and /metrics', async () => {
    await request(app).get('/health').expect(200, { status: 'ok' });
    await request(app).get('/ready').expect(200);
    ready = false;
    const down = await request(app).get('/ready').expect(503);
    expect(down.body).toEqual({
      status: 'unavailable',
      checks: { database: true, eventBus: false },
    });
    ready = true;
    const metrics = await request(app).get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
  });

  it('maps bad requests to problem documents and writes nothing', async () => {
    const before = await things();
    const unknown = await request(app).get('/api/nowhere').expect(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(app).get('/nowhere').expect(404);
    const auth = await bearer('procurement');
    await request(app)
      .post('/api/things')
      .set('Authorization', auth)
      .type('json')
      .send('{"name": ')
      .expect(400);
    await request(app)
      .post('/api/things')
      .set('Authorization', auth)
      .type('json')
      .send('{"name":"a\\u0000b"}')
      .expect(400);
    await request(app)
      .post('/api/things?x=%00')
      .set('Authorization', auth)
      .send({ name: 'a' })
      .expect(400);
    const huge = await request(app)
      .post('/api/things')
      .set('Authorization', auth)
      .send({ name: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(huge.body).toMatchObject({ status: 413, title: 'Content Too Large' });
    expect(await things()).toBe(before);
  });

  it('requires a valid, unexpired token and the right role', async () => {
    await request(app).post('/api/things').send({ name: 'a' }).expect(401);
    await request(app)
      .post('/api/things')
      .set('Authorization', 'Bearer not.a.token')
      .send({ name: 'a' })
      .expect(401);
    const expired = (await bearer('procurement', { ttlSeconds: -60 })).slice('Bearer '.length);
    await request(app)
      .post('/api/things')
      .set('Authorization', `Bearer ${expired}`)
      .send({ name: 'a' })
      .expect(401);
    // A genuine token whose payload was changed to claim another role: the signature no longer fits.
    const [header, payload, signature] = (await bearer('vendor'))
      .slice('Bearer '.length)
      .split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['procurement'] })).toString(
      'base64url',
    );
    const forged = `Bearer ${header}.${escalated}.${signature}`;
    await request(app)
      .post('/api/things')
      .set('Authorization', forged)
      .send({ name: 'a' })
      .expect(401);
    const wrongRole = await request(app)
      .post('/api/things')
      .set('Authorization', await bearer('vendor'))
      .send({ name: 'a' })
      .expect(403);
    expect(wrongRole.body.detail).toMatch(/procurement/);
  });

  it('pages an audit search and says when there were more, also by record', async () => {
    await pool.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, amount, counterparty)
       SELECT 'bulk', 'thing.created', 'thing', n::text, n, 'vendor-bulk' FROM generate_series(1, 5001) n`,
    );
    const auditor = await bearer('auditor');
    const search = (query: string) =>
      request(app).get(`/api/audit/contract?${query}`).set('Authorization', auditor).expect(200);
    const first = await search('counterparty=vendor-bulk&pageSize=1000');
    expect(first.body).toHaveLength(1000);
    expect(first.headers['x-total-count']).toBe('5001');
    expect(first.headers['x-result-truncated']).toBe('true');
    expect(first.body[0]).toMatchObject({ entityId: '1', amount: 1, counterparty: 'vendor-bulk' });
    // In the order they were written (by id as a number, not as text: 999 before 1000).
    expect(first.body.slice(998, 1000).map((e: { entityId: string }) => e.entityId)).toEqual([
      '999',
      '1000',
    ]);
    const last = await search('counterparty=vendor-bulk&pageSize=1000&page=6');
    expect(last.body).toHaveLength(1);
    expect(last.body[0]).toMatchObject({ entityId: '5001' });
    expect(last.headers['x-result-truncated']).toBeUndefined();
    const newest = await search('counterparty=vendor-bulk&order=desc&pageSize=1');
    expect(newest.body[0]).toMatchObject({ entityId: '5001' });
    const narrowed = await search('counterparty=vendor-bulk&minAmount=4001&pageSize=1000');
    expect(narrowed.body).toHaveLength(1000);
    expect(narrowed.headers['x-total-count']).toBe('1001');
    expect(narrowed.body[0]).toMatchObject({
      action: 'thing.created',
      amount: 4001,
      counterparty: 'vendor-bulk',
    });
    const one = await search('entityType=thing&entityId=4242');
    expect(one.body.map((e: { entityId: string }) => e.entityId)).toEqual(['4242']);
    expect(one.headers['x-total-count']).toBe('1');
    await request(app).get('/api/audit/contract?sort=at').set('Authorization', auditor).expect(400);
  });

  describe('Idempotency-Key', () => {
    it('replays the first response and changes nothing; a different body is 422', async () => {
      const key = randomUUID();
      const first = await post({ name: 'once' }, key);
      const again = await post({ name: 'once' }, key);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      // The same bytes (jsonb would have put "id" before "name"), so the same ETag and Location.
      expect(again.text).toBe(first.text);
      expect(first.text.indexOf('"name"')).toBeLessThan(first.text.indexOf('"id"'));
      for (const header of ['etag', 'content-type', 'content-length', 'location']) {
        expect([header, again.headers[header]]).toEqual([header, first.headers[header]]);
      }
      expect(first.headers.location).toBe(`/api/things/${first.body.id}`);
      await post({ name: 'other' }, key).then((r) => expect(r.status).toBe(422));
      expect(
        (await pool.query('SELECT count(*) FROM things WHERE name = $1', ['once'])).rows[0].count,
      ).toBe('1');
    });

    it('does not replay a refusal that says "retry": the retry runs', async () => {
      const key = randomUUID();
      busy = true;
      await post({ name: key }, key).then((r) => expect(r.status).toBe(409));
      busy = false;
      const retry = await post({ name: key }, key);
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
    });

    it('runs concurrent repeats once', async () => {
      const key = randomUUID();
      const responses = await Promise.all([1, 2, 3, 4].map(() => post({ name: key }, key)));
      expect(responses.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
      expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(
        (await pool.query('SELECT count(*) FROM things WHERE name = $1', [key])).rows[0].count,
      ).toBe('1');
    });

    it('never runs a request again once its change committed, even if its response was lost', async () => {
      const key = randomUUID();
      failAfterCommit = true;
      await post({ name: key }, key).then((r) => expect(r.status).toBe(500));
      failAfterCommit = false;
      const retry = await post({ name: key }, key);
      expect(retry.status).toBe(409);
      expect(retry.body.detail).toMatch(/carried out/);
      expect(
        (await pool.query('SELECT count(*) FROM things WHERE name = $1', [key])).rows[0].count,
      ).toBe('1');
    });

    it('lets a retry run a request that never committed once its lease has passed', async () => {
      const stale = randomUUID();
      const fresh = randomUUID();
      // As a crash before commit leaves them: reserved, unanswered, uncommitted.
      for (const [key, age] of [
        [stale, '3 minutes'],
        [fresh, '0 seconds'],
      ]) {
        await pool.query(
          `INSERT INTO idempotency_keys (actor, key, method, path, request_hash, created_at)
           SELECT 'pat', $1::text, 'POST', '/api/things', encode(sha256(convert_to($2, 'UTF8')), 'hex'), now() - $3::interval`,
          [key, `POST /api/things\n${JSON.stringify({ name: key })}`, age],
        );
      }
      await post({ name: fresh }, fresh).then((r) => expect(r.status).toBe(409));
      await post({ name: stale }, stale).then((r) => expect(r.status).toBe(201));
      await post({ name: stale }, stale).then((r) =>
        expect(r.headers['idempotent-replayed']).toBe('true'),
      );
    });
  });
});
