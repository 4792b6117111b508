import request from 'supertest';
import { createPool, type RunningService, startService } from '@denpyo/platform';
import { verifyTestToken } from '@denpyo/platform/testing';
import { DEMO_USERS } from '../src/domain/demo-users';
import { portalService } from '../src/service';
import { newClient, testPortalEnv } from './support';

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

  it.each(DEMO_USERS.map((user) => [user.username, user] as const))(
    'logs %s in with password demo and a token carrying roles, name, title and rank',
    async (username, demo) => {
      const response = await request(portal.app)
        .post('/api/auth/login')
        .send({ username, password: 'demo' });
      expect(response.status).toBe(200);
      expect(response.body.user).toEqual(demo);
      const claims = (await verifyTestToken(response.body.token)).user;
      expect(claims).toEqual(demo);
    },
  );

  it.each([
    ['approver', 'approver', '課長', 'kacho'],
    ['approver2', 'approver', '部長', 'bucho'],
    ['approver3', 'approver', '副市長', 'fukushicho'],
    ['approver4', 'approver', '市長', 'shicho'],
    ['treasurer', 'treasurer', '会計管理者', undefined],
    ['treasurer2', 'treasurer', '会計課長', undefined],
  ])('signs %s in as %s titled …%s with rank %s', async (username, role, title, rank) => {
    const response = await request(portal.app)
      .post('/api/auth/login')
      .send({ username, password: 'demo' });
    expect(response.status).toBe(200);
    const claims = (await verifyTestToken(response.body.token)).user;
    expect(claims.roles).toEqual([role]);
    expect(claims.title?.endsWith(title)).toBe(true);
    expect(claims.rank).toBe(rank);
    expect(claims.displayName).toMatch(/^\S+ \S+$/);
  });

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
      // At the cost the test sets (PASSWORD_SCRYPT_LOG_N=10); production's is 2^17.
      expect(row.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
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

  it('refuses the next attempt of a failing client on that username for its back-off, with Retry-After', async () => {
    const attempt = (password: string) =>
      request(portal.app).post('/api/auth/login').send({ username: 'auditor', password });
    expect((await attempt('wrong')).status).toBe(401);
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

describe('demo users after demo mode is turned off', () => {
  // Each sign-in from a client of its own: the failures below must not throttle the next start's.
  const options = testPortalEnv({ DEMO_MODE: true, TRUSTED_PROXIES: ['loopback'] });
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', options.DB_SCHEMA ?? '');
  afterAll(() => pool.end());

  const login = (portal: RunningService, username: string, password: string) =>
    request(portal.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newClient())
      .send({ username, password });
  const userAudit = async (action: string) =>
    (
      await pool.query<{ actor: string; entity_id: string }>(
        "SELECT actor, entity_id FROM audit_log WHERE entity_type = 'user' AND action = $1 ORDER BY entity_id",
        [action],
      )
    ).rows;

  it('disables them (audited) on a start without demo mode, and enables them on the next demo start', async () => {
    const demo = await startService(portalService, options);
    const created = await request(demo.app)
      .post('/api/users')
      .set('Authorization', `Bearer ${(await login(demo, 'admin', 'demo')).body.token}`)
      .send({
        username: 'real.person',
        password: 'real-secret-1',
        displayName: '本物 太郎',
        title: '財政課長',
        roles: ['accountant'],
      });
    expect(created.status).toBe(201);
    await demo.stop();

    const production = await startService(portalService, { ...options, DEMO_MODE: false });
    try {
      for (const { username } of DEMO_USERS) {
        expect((await login(production, username, 'demo')).status).toBe(401);
      }
      // A user an administrator created is a real login, untouched.
      expect((await login(production, 'real.person', 'real-secret-1')).status).toBe(200);
    } finally {
      await production.stop();
    }
    const disabled = await userAudit('user.disabled');
    expect(disabled.map((entry) => entry.entity_id)).toEqual(
      DEMO_USERS.map((user) => user.username).sort(),
    );
    expect(new Set(disabled.map((entry) => entry.actor))).toEqual(
      new Set(['portal (demo mode off)']),
    );

    // A second start without demo mode has nothing more to disable.
    const again = await startService(portalService, { ...options, DEMO_MODE: false, PORT: 0 });
    await again.stop();
    expect(await userAudit('user.disabled')).toHaveLength(DEMO_USERS.length);

    const demoAgain = await startService(portalService, { ...options, PORT: 0 });
    try {
      expect((await login(demoAgain, 'admin', 'demo')).status).toBe(200);
      expect(await userAudit('user.enabled')).toHaveLength(DEMO_USERS.length);
    } finally {
      await demoAgain.stop();
    }
  });

  it('gives demo users seeded before v2 their names, titles and ranks at the next demo start', async () => {
    await pool.query(
      "UPDATE users SET display_name = NULL, title = NULL, rank = 'kacho', roles = '{approver}' WHERE username IN ('approver3', 'approver4')",
    );
    const demo = await startService(portalService, { ...options, PORT: 0 });
    try {
      const signedIn = await login(demo, 'approver4', 'demo');
      expect(signedIn.body.user).toEqual({
        username: 'approver4',
        roles: ['approver'],
        displayName: '渡辺 隆',
        title: '市長',
        rank: 'shicho',
      });
    } finally {
      await demo.stop();
    }
    expect((await userAudit('user.updated')).map((entry) => entry.entity_id)).toEqual([
      'approver3',
      'approver4',
    ]);
  });
});
