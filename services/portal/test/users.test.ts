import request from 'supertest';
import { createPool, startService, type RunningService } from '@denpyo/platform';
import { bearer, readByCursor, readByPageNumber, verifyTestToken } from '@denpyo/platform/testing';
import { portalService } from '../src/service';
import { newClient, testPortalEnv } from './support';

const STAFF = {
  username: 'k.yamaguchi',
  password: 'first-pass-1',
  displayName: '山口 啓介',
  title: '土木課長',
  roles: ['approver'],
  rank: 'kacho',
};

// Timestamps are UTC; the pinned day is Japan's (2027-05-31T15:00Z is 2027-06-01 00:00 JST).
const onThePinnedDay = expect.stringMatching(/^(2027-05-31T(1[5-9]|2\d)|2027-06-01T(0\d|1[0-4])):/);

describe('staff users (POST/GET /api/users, disable, password change)', () => {
  // Sign-ins each from a client of their own (below), so one test's failures never throttle another's.
  const options = testPortalEnv({
    DEMO_MODE: true,
    DENPYO_TODAY: '2027-06-01',
    TRUSTED_PROXIES: ['loopback'],
  });
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', options.DB_SCHEMA ?? '');
  let portal: RunningService;
  let admin: string;

  beforeAll(async () => {
    portal = await startService(portalService, options);
    admin = await bearer('admin', { username: 'admin' });
  });
  afterAll(async () => {
    await portal.stop();
    await pool.end();
  });

  const createUser = (body: object, authorization = admin) =>
    request(portal.app).post('/api/users').set('Authorization', authorization).send(body);
  const login = (username: string, password: string) =>
    request(portal.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newClient())
      .send({ username, password });
  const auditOf = async (username: string) =>
    (
      await pool.query<{ actor: string; action: string; before: unknown; after: unknown }>(
        "SELECT actor, action, before, after FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id",
        [username],
      )
    ).rows;
  const rowOf = async (username: string) =>
    (await pool.query('SELECT * FROM users WHERE username = $1', [username])).rows[0];

  describe('POST /api/users', () => {
    it('creates a staff user who signs in with a token carrying name, title and rank', async () => {
      const response = await createUser(STAFF);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        username: STAFF.username,
        roles: ['approver'],
        displayName: '山口 啓介',
        title: '土木課長',
        rank: 'kacho',
        demo: false,
        disabled: false,
        createdBy: 'admin',
        createdAt: onThePinnedDay,
      });
      const signedIn = await login(STAFF.username, STAFF.password);
      expect(signedIn.status).toBe(200);
      const user = {
        username: STAFF.username,
        roles: ['approver'],
        displayName: '山口 啓介',
        title: '土木課長',
        rank: 'kacho',
      };
      // An administrator chose the password: the user must change it first (accounts.test.ts).
      expect(signedIn.body.user).toEqual({ ...user, mustChangePassword: true });
      expect((await verifyTestToken(signedIn.body.token)).user).toEqual(user);
      expect(await auditOf(STAFF.username)).toEqual([
        expect.objectContaining({
          actor: 'admin',
          action: 'user.created',
          after: expect.objectContaining({ roles: ['approver'], rank: 'kacho' }),
        }),
      ]);
      // The password is stored only as a hash, and nothing of it reaches the audit trail.
      const row = await rowOf(STAFF.username);
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(JSON.stringify(await auditOf(STAFF.username))).not.toContain(STAFF.password);
    });

    it('carries a staff user’s 所属 on the token, for the 起案課 vouchers print', async () => {
      const response = await createUser({
        ...STAFF,
        username: 'welfare.clerk',
        title: '福祉課主事',
        department: '福祉部 福祉課',
        roles: ['procurement'],
        rank: undefined,
      });
      expect(response.status).toBe(201);
      expect(response.body.department).toBe('福祉部 福祉課');
      const signedIn = await login('welfare.clerk', STAFF.password);
      expect((await verifyTestToken(signedIn.body.token)).user).toMatchObject({
        title: '福祉課主事',
        department: '福祉部 福祉課',
      });
    });

    it('creates a treasurer, and a user with several roles, without a rank', async () => {
      const treasurer = await createUser({
        ...STAFF,
        username: 'treasury.clerk',
        title: '会計課主事',
        roles: ['treasurer'],
        rank: undefined,
      });
      expect(treasurer.status).toBe(201);
      expect(treasurer.body.rank).toBeUndefined();
      const both = await createUser({
        ...STAFF,
        username: 'both.roles',
        roles: ['procurement', 'auditor'],
        rank: undefined,
      });
      expect(both.status).toBe(201);
      expect(both.body.roles).toEqual(['procurement', 'auditor']);
    });

    it.each([
      ['an approver without a rank', 'rank', { roles: ['approver'], rank: undefined }],
      ['a rank for a non-approver', 'rank', { roles: ['accountant'], rank: 'bucho' }],
      ['the vendor role', 'roles', { roles: ['vendor'], rank: undefined }],
      ['a role twice', 'roles', { roles: ['approver', 'approver'] }],
    ])('refuses %s with 422 naming %s, creating nothing', async (_case, path, change) => {
      const username = `refused-${path}-${Math.random().toString(36).slice(2, 8)}`;
      const response = await createUser({ ...STAFF, username, ...change });
      expect(response.status).toBe(422);
      expect(response.type).toBe('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ path })]);
      expect(await rowOf(username)).toBeUndefined();
    });

    it('refuses a malformed body with 400 naming the fields', async () => {
      const response = await createUser({
        username: 'Bad Name',
        password: 'short',
        displayName: '  ',
        title: '',
        roles: [],
        rank: 'general',
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
        'displayName',
        'password',
        'rank',
        'roles',
        'title',
        'username',
      ]);
    });

    it('refuses a taken username with 409 (a demo user too)', async () => {
      const response = await createUser({ ...STAFF, username: 'approver' });
      expect(response.status).toBe(409);
      expect((await rowOf('approver')).display_name).toBe('高橋 誠');
    });

    it.each(['procurement', 'approver', 'treasurer', 'auditor', 'vendor'] as const)(
      'refuses role %s with 403',
      async (role) => {
        const username = `by-${role}`;
        const response = await createUser({ ...STAFF, username }, await bearer(role));
        expect(response.status).toBe(403);
        expect(await rowOf(username)).toBeUndefined();
      },
    );
  });

  describe('GET /api/users', () => {
    it('lists every login by username, paged, never with a password hash', async () => {
      const response = await request(portal.app)
        .get('/api/users?pageSize=5')
        .set('Authorization', admin);
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(5);
      expect(Number(response.headers['x-total-count'])).toBeGreaterThanOrEqual(15);
      expect(response.body[0]).toMatchObject({ username: 'accountant', demo: true });
      expect(JSON.stringify(response.body)).not.toMatch(/scrypt|passwordHash|password_hash/);
    });

    it('filters by text, role and status', async () => {
      const ranked = await request(portal.app)
        .get('/api/users?role=approver&q=%E5%B8%82%E9%95%B7')
        .set('Authorization', admin);
      expect(ranked.body.map((user: { username: string }) => user.username)).toEqual([
        'approver3',
        'approver4',
      ]);
      const treasurers = await request(portal.app)
        .get('/api/users?role=treasurer&status=active')
        .set('Authorization', admin);
      expect(treasurers.body.map((user: { username: string }) => user.username)).toEqual([
        'treasurer',
        'treasurer2',
        'treasury.clerk',
      ]);
    });

    it('reads every user by cursor (Link rel="next") as page numbers do, both ways', async () => {
      const read = (url: string) => request(portal.app).get(url).set('Authorization', admin);
      for (const order of ['asc', 'desc']) {
        const query = { order, pageSize: '2' };
        const byCursor = await readByCursor(read, '/api/users', query);
        const byNumber = await readByPageNumber(read, '/api/users', query);
        expect(byCursor.items.length).toBeGreaterThan(4);
        expect(byCursor.items).toEqual(byNumber.items);
        const names = byCursor.items.map((user) => String(user.username));
        expect(new Set(names).size).toBe(names.length);
      }
    });

    it('downloads CSV with Japanese headers and role names', async () => {
      const response = await request(portal.app)
        .get('/api/users?format=csv&q=treasury')
        .set('Authorization', admin);
      expect(response.status).toBe(200);
      const text = response.text.replace(/^\uFEFF/, '');
      expect(text).toContain('ユーザー名');
      expect(text).toContain('会計管理者');
      expect(text).not.toContain('scrypt');
    });

    it('refuses non-admins with 403', async () => {
      const response = await request(portal.app)
        .get('/api/users')
        .set('Authorization', await bearer('auditor'));
      expect(response.status).toBe(403);
    });
  });

  describe('POST /api/users/{username}/disable', () => {
    it('disables a user, who can no longer sign in, audited', async () => {
      await createUser({ ...STAFF, username: 'leaving', roles: ['accountant'], rank: undefined });
      expect((await login('leaving', STAFF.password)).status).toBe(200);
      const response = await request(portal.app)
        .post('/api/users/leaving/disable')
        .set('Authorization', admin);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        username: 'leaving',
        disabled: true,
        disabledBy: 'admin',
        disabledAt: onThePinnedDay,
      });
      const refused = await login('leaving', STAFF.password);
      expect(refused.status).toBe(401);
      // The same answer as a wrong password: nothing tells a disabled account from a wrong guess.
      expect(refused.body).toEqual((await login('leaving', 'wrong-pass')).body);
      expect((await auditOf('leaving')).map((entry) => [entry.actor, entry.action])).toEqual([
        ['admin', 'user.created'],
        ['admin', 'user.disabled'],
      ]);
      const again = await request(portal.app)
        .post('/api/users/leaving/disable')
        .set('Authorization', admin);
      expect(again.status).toBe(409);
    });

    it('refuses to disable yourself with 422', async () => {
      const response = await request(portal.app)
        .post('/api/users/admin/disable')
        .set('Authorization', admin);
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'username' })]);
      expect((await rowOf('admin')).disabled_at).toBeNull();
    });

    it('answers 404 for an unknown user and 403 for a non-admin', async () => {
      const unknown = await request(portal.app)
        .post('/api/users/nobody.here/disable')
        .set('Authorization', admin);
      expect(unknown.status).toBe(404);
      const forbidden = await request(portal.app)
        .post('/api/users/procurement/disable')
        .set('Authorization', await bearer('procurement'));
      expect(forbidden.status).toBe(403);
      expect((await rowOf('procurement')).disabled_at).toBeNull();
    });
  });

  describe('POST /api/auth/password', () => {
    const change = (authorization: string, body: object) =>
      request(portal.app).post('/api/auth/password').set('Authorization', authorization).send(body);

    it('changes your own password: the new one signs in, the old one no longer', async () => {
      const token = (await login('accountant2', 'demo')).body.token as string;
      const response = await change(`Bearer ${token}`, {
        currentPassword: 'demo',
        newPassword: 'a-longer-secret',
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        username: 'accountant2',
        changedAt: onThePinnedDay,
      });
      expect((await login('accountant2', 'demo')).status).toBe(401);
      expect((await login('accountant2', 'a-longer-secret')).status).toBe(200);
      const audit = await auditOf('accountant2');
      expect(audit.at(-1)).toEqual({
        actor: 'accountant2',
        action: 'user.password-changed',
        before: null,
        // Its own session goes on; it had no other.
        after: { sessionsRevoked: 0 },
      });
      // A demo-mode restart leaves a changed password alone.
      const again = await startService(portalService, { ...options, PORT: 0 });
      await again.stop();
      expect((await login('accountant2', 'a-longer-secret')).status).toBe(200);
    });

    it('refuses a wrong current password with 422 naming it, changing nothing', async () => {
      const authorization = `Bearer ${(await login('procurement2', 'demo')).body.token}`;
      const before = (await rowOf('procurement2')).password_hash;
      const response = await change(authorization, {
        currentPassword: 'not-demo',
        newPassword: 'a-longer-secret',
      });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
      expect((await rowOf('procurement2')).password_hash).toBe(before);
    });

    it('refuses a new password too short (400) or equal to the current one (422)', async () => {
      const authorization = `Bearer ${(await login('auditor', 'demo')).body.token}`;
      const unchanged = await change(authorization, {
        currentPassword: 'demo',
        newPassword: 'short',
      });
      expect(unchanged.status).toBe(400);
      expect(unchanged.body.errors).toEqual([expect.objectContaining({ path: 'newPassword' })]);
      await createUser({ ...STAFF, username: 'same.again', roles: ['auditor'], rank: undefined });
      const own = `Bearer ${(await login('same.again', STAFF.password)).body.token}`;
      const repeated = await change(own, {
        currentPassword: STAFF.password,
        newPassword: STAFF.password,
      });
      expect(repeated.status).toBe(422);
      expect(repeated.body.errors).toEqual([expect.objectContaining({ path: 'newPassword' })]);
    });

    it('throttles wrong current passwords like logins (429)', async () => {
      const authorization = `Bearer ${(await login('procurement', 'demo')).body.token}`;
      const wrong = await change(authorization, {
        currentPassword: 'wrong-0',
        newPassword: 'a-longer-secret',
      });
      expect(wrong.status).toBe(422);
      const before = (await rowOf('procurement')).password_hash;
      const throttled = await change(authorization, {
        currentPassword: 'demo',
        newPassword: 'a-longer-secret',
      });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect((await rowOf('procurement')).password_hash).toBe(before);
    });

    it('refuses a request without a session with 401', async () => {
      const response = await request(portal.app)
        .post('/api/auth/password')
        .send({ currentPassword: 'demo', newPassword: 'a-longer-secret' });
      expect(response.status).toBe(401);
    });
  });

  describe('GET /api/auth/session', () => {
    it("carries the user's name, title and rank, and the system's date", async () => {
      const token = (await login('approver3', 'demo')).body.token as string;
      const response = await request(portal.app)
        .get('/api/auth/session')
        .set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        user: {
          username: 'approver3',
          roles: ['approver'],
          displayName: '伊藤 雅子',
          title: '副市長',
          rank: 'fukushicho',
        },
        today: '2027-06-01',
      });
    });
  });
});
