import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createPool, type RunningService, startService } from '@denpyo/platform';
import { bearer, verifyTestToken } from '@denpyo/platform/testing';
import { portalService } from '../src/service';
import { deadServiceUrl, startStandIn, testPortalEnv, type StandIn } from './support';

const KNOWN_VENDOR = randomUUID();

describe('POST /api/vendors/{id}/portal-users', () => {
  let contract: StandIn;
  let portal: RunningService;
  const options = testPortalEnv();
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', options.DB_SCHEMA ?? '');

  beforeAll(async () => {
    // Stands in for the contract service, which owns vendors.
    contract = await startStandIn((app) => {
      app.get('/api/vendors/:id', (req, res) => {
        if (req.params.id === KNOWN_VENDOR) {
          res.json({ id: KNOWN_VENDOR, name: '株式会社テスト' });
        } else {
          res
            .status(404)
            .type('application/problem+json')
            .send({ status: 404, title: 'Not Found' });
        }
      });
    });
    portal = await startService(portalService, { ...options, CONTRACT_URL: contract.url });
  });
  afterAll(async () => {
    await portal.stop();
    await contract.close();
    await pool.end();
  });

  const create = async (
    vendorId: string,
    body: object,
    role: Parameters<typeof bearer>[0] = 'procurement',
  ) =>
    request(portal.app)
      .post(`/api/vendors/${vendorId}/portal-users`)
      .set('Authorization', await bearer(role, { username: 'pat' }))
      .send(body);

  const userRows = async (username: string) =>
    (await pool.query('SELECT * FROM users WHERE username = $1', [username])).rows;

  it('creates a vendor login that can log in with role vendor and its vendor id', async () => {
    const authorization = await bearer('procurement', { username: 'pat' });
    const response = await request(portal.app)
      .post(`/api/vendors/${KNOWN_VENDOR}/portal-users`)
      .set('Authorization', authorization)
      .send({ username: 'acme.clerk', password: 'secret-pass' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      username: 'acme.clerk',
      roles: ['vendor'],
      vendorId: KNOWN_VENDOR,
    });
    // The vendor was looked up as the caller.
    const lookup = contract.seen.find((seen) => seen.url === `/api/vendors/${KNOWN_VENDOR}`);
    const [, token] = String(lookup?.headers.authorization).split(' ');
    expect((await verifyTestToken(token ?? '')).user).toMatchObject({
      username: 'pat',
      roles: ['procurement'],
      displayName: '試験 pat',
    });

    const login = await request(portal.app)
      .post('/api/auth/login')
      .send({ username: 'acme.clerk', password: 'secret-pass' });
    expect(login.status).toBe(200);
    // Procurement chose the password: the vendor must change it first (accounts.test.ts).
    expect(login.body.user).toEqual({
      username: 'acme.clerk',
      roles: ['vendor'],
      vendorId: KNOWN_VENDOR,
      mustChangePassword: true,
    });
    // The token carries who the user is, not the demand (the portal reads that from its database).
    expect((await verifyTestToken(login.body.token)).user).toEqual({
      username: 'acme.clerk',
      roles: ['vendor'],
      vendorId: KNOWN_VENDOR,
    });

    const [row] = await userRows('acme.clerk');
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('secret-pass');
    expect(row.created_by).toBe('pat');
    const audit = await pool.query(
      "SELECT * FROM audit_log WHERE entity_type = 'user' AND entity_id = 'acme.clerk'",
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        actor: 'pat',
        action: 'portal-user.created',
        counterparty: KNOWN_VENDOR,
      }),
    ]);
    // …and searchable like every service's trail, by auditors only.
    const trail = await request(portal.app)
      .get(`/api/audit/portal?counterparty=${KNOWN_VENDOR}`)
      .set('Authorization', await bearer('auditor'));
    expect(trail.status).toBe(200);
    expect(trail.body).toEqual([
      expect.objectContaining({ action: 'portal-user.created', entityId: 'acme.clerk' }),
    ]);
    await request(portal.app)
      .get('/api/audit/portal')
      .set('Authorization', await bearer('vendor'))
      .expect(403);
  });

  it('refuses a vendor the contract service does not know with 422 and stores nothing', async () => {
    const response = await create(randomUUID(), { username: 'ghost', password: 'secret-pass' });
    expect(response.status).toBe(422);
    expect(response.type).toBe('application/problem+json');
    expect(response.body.detail).toBe('unknown vendor');
    expect(await userRows('ghost')).toEqual([]);
  });

  it('refuses a taken username with 409', async () => {
    expect(
      (await create(KNOWN_VENDOR, { username: 'twice', password: 'secret-pass' })).status,
    ).toBe(201);
    const again = await create(KNOWN_VENDOR, { username: 'twice', password: 'other-pass' });
    expect(again.status).toBe(409);
    expect(again.type).toBe('application/problem+json');
  });

  it('replays a repeated Idempotency-Key instead of creating again', async () => {
    const send = async (body: object) =>
      request(portal.app)
        .post(`/api/vendors/${KNOWN_VENDOR}/portal-users`)
        .set('Authorization', await bearer('procurement', { username: 'pat' }))
        .set('Idempotency-Key', 'create-once')
        .send(body);
    const first = await send({ username: 'once', password: 'secret-pass' });
    const second = await send({ username: 'once', password: 'secret-pass' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    const reused = await send({ username: 'other', password: 'secret-pass' });
    expect(reused.status).toBe(422);
    expect(await userRows('other')).toEqual([]);
  });

  it.each(['approver', 'accountant', 'vendor'] as const)(
    'refuses role %s with 403',
    async (role) => {
      const response = await create(
        KNOWN_VENDOR,
        { username: `by-${role}`, password: 'secret-pass' },
        role,
      );
      expect(response.status).toBe(403);
      expect(await userRows(`by-${role}`)).toEqual([]);
    },
  );

  it('refuses a request without a token with 401', async () => {
    const response = await request(portal.app)
      .post(`/api/vendors/${KNOWN_VENDOR}/portal-users`)
      .send({ username: 'anon', password: 'secret-pass' });
    expect(response.status).toBe(401);
  });

  it('names invalid fields with 400', async () => {
    const response = await create(KNOWN_VENDOR, { username: 'Bad Name', password: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'password',
      'username',
    ]);
  });

  it('refuses a malformed vendor id with 400, without asking the contract service', async () => {
    const asked = contract.seen.length;
    const response = await create('not-a-uuid', { username: 'malformed', password: 'secret-pass' });
    expect(response.status).toBe(400);
    expect(contract.seen.length).toBe(asked);
  });
});

describe('POST /api/vendors/{id}/portal-users while the contract service is down', () => {
  let portal: RunningService;
  beforeAll(async () => {
    portal = await startService(
      portalService,
      testPortalEnv({ CONTRACT_URL: await deadServiceUrl() }),
    );
  });
  afterAll(() => portal.stop());

  it('answers 503 and creates nothing', async () => {
    const response = await request(portal.app)
      .post(`/api/vendors/${KNOWN_VENDOR}/portal-users`)
      .set('Authorization', await bearer('procurement'))
      .send({ username: 'later', password: 'secret-pass' });
    expect(response.status).toBe(503);
    expect(response.type).toBe('application/problem+json');
    const login = await request(portal.app)
      .post('/api/auth/login')
      .send({ username: 'later', password: 'secret-pass' });
    expect(login.status).toBe(401);
  });
});
