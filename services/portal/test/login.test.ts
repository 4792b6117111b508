import request from 'supertest';
import { createPool, type RunningService, startService, verifyToken } from '@denpyo/platform';
import { TEST_JWT_SECRET } from '@denpyo/platform/testing';
import { DEMO_USERS } from '../src/domain/demo-users';
import { portalService } from '../src/service';
import { testPortalEnv } from './support';

async function storedUsers(schema: string) {
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
  try {
    const result = await pool.query<{ username: string; password_hash: string; roles: string[] }>(
      'SELECT username, password_hash, roles FROM users ORDER BY username',
    );
    return result.rows;
  } finally {
    await pool.end();
  }
}

describe('login in demo mode', () => {
  const options = testPortalEnv({ DEMO_MODE: true });
  let portal: RunningService;
  beforeAll(async () => {
    portal = await startService(portalService, options);
  });
  afterAll(() => portal.stop());

  it.each(DEMO_USERS.map((user) => [user.username, user.roles] as const))(
    'logs %s in with password demo and a token carrying roles %j',
    async (username, roles) => {
      const response = await request(portal.app)
        .post('/api/auth/login')
        .send({ username, password: 'demo' });
      expect(response.status).toBe(200);
      expect(response.body.user).toEqual({ username, roles });
      const claims = await verifyToken(response.body.token, TEST_JWT_SECRET);
      expect(claims).toEqual({ username, roles });
    },
  );

  it('answers a wrong password and an unknown user with the same 401 problem', async () => {
    const wrongPassword = await request(portal.app)
      .post('/api/auth/login')
      .send({ username: 'approver', password: 'not-demo' });
    const unknownUser = await request(portal.app)
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'demo' });
    for (const response of [wrongPassword, unknownUser]) {
      expect(response.status).toBe(401);
      expect(response.type).toBe('application/problem+json');
      expect(response.body.token).toBeUndefined();
    }
    expect(unknownUser.body).toEqual(wrongPassword.body);
    expect(wrongPassword.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses a malformed login body with 400 naming the fields', async () => {
    const response = await request(portal.app).post('/api/auth/login').send({ username: 'admin' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ path: 'password' })]);
  });

  it('stores scrypt hashes, never the password', async () => {
    const rows = await storedUsers(options.DB_SCHEMA ?? '');
    expect(rows.map((row) => row.username).sort()).toEqual(
      DEMO_USERS.map((user) => user.username).sort(),
    );
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(row.password_hash).not.toContain('demo');
    }
    expect(new Set(rows.map((row) => row.password_hash)).size).toBe(rows.length);
  });

  it('seeds idempotently: a restart keeps the users and their hashes', async () => {
    const before = await storedUsers(options.DB_SCHEMA ?? '');
    const again = await startService(portalService, { ...options, PORT: 0 });
    await again.stop();
    expect(await storedUsers(options.DB_SCHEMA ?? '')).toEqual(before);
  });

  it('refuses further attempts after repeated failures for one username, with Retry-After', async () => {
    const attempt = (password: string) =>
      request(portal.app).post('/api/auth/login').send({ username: 'auditor', password });
    for (let i = 0; i < 5; i += 1) expect((await attempt('wrong')).status).toBe(401);
    const refused = await attempt('demo');
    expect(refused.status).toBe(429);
    expect(refused.type).toBe('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Other usernames are not affected.
    expect(
      (
        await request(portal.app)
          .post('/api/auth/login')
          .send({ username: 'admin', password: 'demo' })
      ).status,
    ).toBe(200);
  });
});

describe('login outside demo mode', () => {
  const options = testPortalEnv({ DEMO_MODE: false });
  let portal: RunningService;
  beforeAll(async () => {
    portal = await startService(portalService, options);
  });
  afterAll(() => portal.stop());

  it('has no demo users', async () => {
    expect(await storedUsers(options.DB_SCHEMA ?? '')).toEqual([]);
    const response = await request(portal.app)
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'demo' });
    expect(response.status).toBe(401);
  });
});
