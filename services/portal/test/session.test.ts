import request from 'supertest';
import type { Pool } from 'pg';
import {
  createPool,
  startService,
  ACCESS_TOKEN_TTL_SECONDS,
  type RunningService,
} from '@denpyo/platform';
import { bearer, testServiceEnv, verifyTestToken } from '@denpyo/platform/testing';
import { contractService } from '@denpyo/contract';
import { portalService } from '../src/service';
import { PORTAL_DEFAULTS } from '../src/config';
import { newClient, setCookies, testPortalEnv } from './support';

const SESSION_TTL_SECONDS = PORTAL_DEFAULTS.SESSION_TTL_SECONDS;

const VENDOR = {
  name: '株式会社クッキー商事',
  nameKana: 'カブシキガイシャクッキーショウジ',
  bankAccount: {
    bankCode: '0001',
    branchCode: '001',
    type: 'ordinary',
    number: '1234567',
    holderKana: 'カ）クッキーショウジ',
  },
};

describe('browser sessions (cookies) through the portal', () => {
  let contract: RunningService;
  let portal: RunningService;
  let contractDb: Pool;

  beforeAll(async () => {
    const contractEnv = testServiceEnv('contract');
    contract = await startService(contractService, contractEnv);
    contractDb = createPool(process.env.TEST_DATABASE_URL ?? '', contractEnv.DB_SCHEMA ?? '');
    portal = await startService(
      portalService,
      // A pinned date: the session answers the system's date, not the wall clock's.
      // Behind a trusted proxy on loopback: each sign-in below comes from a client of its own,
      // so one test's failures never throttle another's.
      testPortalEnv({
        DEMO_MODE: true,
        DENPYO_TODAY: '2027-06-01',
        CONTRACT_URL: contract.url,
        TRUSTED_PROXIES: ['loopback'],
      }),
    );
  });
  afterAll(async () => {
    await portal?.stop();
    await contract?.stop();
    await contractDb?.end();
  });

  /** Signs `username` in with the demo password; the Cookie header and CSRF token it got. */
  async function signIn(username: string) {
    const response = await request(portal.url)
      .post('/api/auth/session')
      .set('X-Forwarded-For', newClient())
      .send({ username, password: 'demo' });
    expect(response.status).toBe(200);
    const cookies = setCookies(response);
    const session = cookies.denpyo_session?.value ?? '';
    const csrf = cookies.denpyo_csrf?.value ?? '';
    return { cookie: `denpyo_session=${session}; denpyo_csrf=${csrf}`, csrf, session };
  }

  const vendorCount = async () =>
    Number((await contractDb.query('SELECT count(*) FROM vendors')).rows[0].count);

  it('signs in with the login rules and sets the session and CSRF cookies', async () => {
    const response = await request(portal.url)
      .post('/api/auth/session')
      .send({ username: 'procurement', password: 'demo' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      user: {
        username: 'procurement',
        roles: ['procurement'],
        displayName: '佐藤 健一',
        title: '契約課主事',
        department: '財務部 契約課',
      },
      today: '2027-06-01',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    });
    expect(response.body.token).toBeUndefined();
    expect(response.body.refreshToken).toBeUndefined();

    const {
      denpyo_session: session,
      denpyo_csrf: csrf,
      denpyo_refresh: refresh,
    } = setCookies(response);
    expect(session?.attributes).toEqual({
      'max-age': String(ACCESS_TOKEN_TTL_SECONDS),
      path: '/',
      httponly: true,
      secure: true,
      samesite: 'Strict',
    });
    expect((await verifyTestToken(session?.value ?? '')).user).toEqual(response.body.user);
    // Readable by the page's script: not HttpOnly.
    // The refresh token goes only to /api/auth (refresh, sign-out), never to the script.
    expect(refresh?.attributes).toEqual({
      'max-age': String(SESSION_TTL_SECONDS),
      path: '/api/auth',
      httponly: true,
      secure: true,
      samesite: 'Strict',
    });
    expect(refresh?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrf?.attributes).toEqual({
      'max-age': String(SESSION_TTL_SECONDS),
      path: '/',
      secure: true,
      samesite: 'Strict',
    });
    expect(Buffer.from(csrf?.value ?? '', 'base64url')).toHaveLength(32);
  });

  it('refuses wrong credentials as the login does, setting no cookie', async () => {
    const session = await request(portal.url)
      .post('/api/auth/session')
      .set('X-Forwarded-For', newClient())
      .send({ username: 'approver', password: 'not-demo' });
    const unknown = await request(portal.url)
      .post('/api/auth/session')
      .set('X-Forwarded-For', newClient())
      .send({ username: 'nobody', password: 'demo' });
    const login = await request(portal.url)
      .post('/api/auth/login')
      .set('X-Forwarded-For', newClient())
      .send({ username: 'approver', password: 'not-demo' });
    for (const response of [session, unknown]) {
      expect(response.status).toBe(401);
      expect(response.type).toBe('application/problem+json');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.body).toEqual(login.body);
    }
  });

  it('shares the login throttle: a failing client is refused with 429 and Retry-After', async () => {
    const from = newClient();
    const attempt = (path: string, password: string) =>
      request(portal.url)
        .post(path)
        .set('X-Forwarded-For', from)
        .send({ username: 'auditor', password });
    expect((await attempt('/api/auth/login', 'x')).status).toBe(401);
    const refused = await attempt('/api/auth/session', 'demo');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });

  it('says who the session cookie signs in, and 401 without one', async () => {
    const { cookie } = await signIn('accountant');
    const signedIn = await request(portal.url).get('/api/auth/session').set('Cookie', cookie);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      user: {
        username: 'accountant',
        roles: ['accountant'],
        displayName: '山本 由美',
        title: '財政課主査',
        department: '財務部 財政課',
      },
      today: '2027-06-01',
    });

    const anonymous = await request(portal.url).get('/api/auth/session');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toBe('application/problem+json');

    const byBearer = await request(portal.url)
      .get('/api/auth/session')
      .set('Authorization', await bearer('auditor', { username: 'audrey' }));
    expect(byBearer.body).toEqual({
      user: { username: 'audrey', roles: ['auditor'], displayName: '試験 audrey', title: '主事' },
      today: '2027-06-01',
    });
  });

  it('signs out by clearing both cookies, signed in or not; a signed-in browser sends its CSRF token', async () => {
    const { cookie, csrf } = await signIn('approver');
    // Another site cannot sign the user out: the session cookie alone is not enough.
    const forged = await request(portal.url).post('/api/auth/logout').set('Cookie', cookie);
    expect(forged.status).toBe(403);
    expect(forged.headers['set-cookie']).toBeUndefined();
    for (const response of [
      await request(portal.url)
        .post('/api/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', csrf),
      await request(portal.url).post('/api/auth/logout'),
    ]) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ signedOut: true });
      const { denpyo_session: session, denpyo_csrf: csrf } = setCookies(response);
      for (const cleared of [session, csrf]) {
        expect(cleared?.value).toBe('');
        expect(cleared?.attributes).toMatchObject({
          'max-age': '0',
          expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
          path: '/',
          secure: true,
          samesite: 'Strict',
        });
      }
    }
  });

  it('is accepted by a service behind the gateway; a cookie POST without the CSRF header is 403 and writes nothing', async () => {
    const { cookie, csrf } = await signIn('procurement');
    const before = await vendorCount();

    const withoutToken = await request(portal.url)
      .post('/api/vendors')
      .set('Cookie', cookie)
      .send(VENDOR);
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.type).toBe('application/problem+json');
    expect(withoutToken.body).toMatchObject({ status: 403, detail: 'CSRF token missing or wrong' });
    const wrongToken = await request(portal.url)
      .post('/api/vendors')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', `${csrf}x`)
      .send(VENDOR);
    expect(wrongToken.status).toBe(403);
    expect(await vendorCount()).toBe(before);

    const withToken = await request(portal.url)
      .post('/api/vendors')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send(VENDOR);
    expect(withToken.status).toBe(201);
    expect(withToken.body).toMatchObject({ name: VENDOR.name });
    expect(await vendorCount()).toBe(before + 1);
    // Written as the cookie's user, as it would be as the bearer token's.
    const written = await contractDb.query('SELECT created_by FROM vendors WHERE id = $1', [
      withToken.body.id,
    ]);
    expect(written.rows).toEqual([{ created_by: 'procurement' }]);
    const read = await request(portal.url)
      .get(`/api/vendors/${withToken.body.id}`)
      .set('Cookie', cookie);
    expect(read.status).toBe(200);
  });

  it("protects the portal's own writes the same way", async () => {
    const { cookie } = await signIn('procurement');
    const response = await request(portal.url)
      .post(`/api/vendors/${crypto.randomUUID()}/portal-users`)
      .set('Cookie', cookie)
      .send({ username: 'cookie.clerk', password: 'secret-pass' });
    expect(response.status).toBe(403);
    expect(response.body.detail).toBe('CSRF token missing or wrong');
  });

  it('leaves bearer clients unaffected: no CSRF header needed', async () => {
    const login = await request(portal.url)
      .post('/api/auth/login')
      .send({ username: 'procurement', password: 'demo' });
    expect(login.headers['set-cookie']).toBeUndefined();
    const created = await request(portal.url)
      .post('/api/vendors')
      .set('Authorization', `Bearer ${login.body.token}`)
      .send({ ...VENDOR, name: '株式会社ベアラー' });
    expect(created.status).toBe(201);
  });
});
