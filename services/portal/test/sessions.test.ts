import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import {
  ConfigError,
  createPool,
  createTokenSigner,
  createTokenVerifier,
  generateSigningKey,
  MAX_ACCESS_TOKEN_AGE_SECONDS,
  parseConfig,
  serviceEnvSchema,
  startService,
  type RunningService,
} from '@denpyo/platform';
import {
  bearer,
  TEST_JWKS,
  TEST_SIGNING_KEYS,
  testServiceEnv,
  verifyTestToken,
} from '@denpyo/platform/testing';
import { contractService } from '@denpyo/contract';
import { portalSettingsSchema } from '../src/config';
import { portalService } from '../src/service';
import { setCookies, startStandIn, testPortalEnv, type StandIn } from './support';

const sidOf = async (token: string) => (await verifyTestToken(token)).sessionId;

describe('sessions: short-lived access tokens, refresh and revocation', () => {
  let portal: RunningService;
  let contract: RunningService;
  let standIn: StandIn;
  let portalDb: ReturnType<typeof createPool>;

  beforeAll(async () => {
    // The contract service for real (it verifies with the public key only); the invoice
    // service a stand-in that records whether a request got past the portal at all.
    contract = await startService(contractService, testServiceEnv('contract'));
    standIn = await startStandIn((app) =>
      app.get('/api/invoices/:id', (_req, res) => res.json({})),
    );
    const env = testPortalEnv({
      DEMO_MODE: true,
      CONTRACT_URL: contract.url,
      INVOICE_URL: standIn.url,
    });
    portal = await startService(portalService, env);
    portalDb = createPool(process.env.TEST_DATABASE_URL ?? '', env.DB_SCHEMA ?? '');
  });
  afterAll(async () => {
    await portal?.stop();
    await contract?.stop();
    await standIn?.close();
    await portalDb?.end();
  });

  async function logIn(username: string) {
    const response = await request(portal.url)
      .post('/api/auth/login')
      .send({ username, password: 'demo' });
    expect(response.status).toBe(200);
    return response.body as {
      token: string;
      refreshToken: string;
      expiresIn: number;
      sessionExpiresIn: number;
    };
  }
  const session = (token: string) =>
    request(portal.url).get('/api/auth/session').set('Authorization', `Bearer ${token}`);
  const refresh = (refreshToken: string) =>
    request(portal.url).post('/api/auth/refresh').send({ refreshToken });

  it('signs in with an access token of at most 15 minutes for a session, and a refresh token', async () => {
    const login = await logIn('auditor');
    expect(login.expiresIn).toBeGreaterThan(0);
    expect(login.expiresIn).toBeLessThanOrEqual(MAX_ACCESS_TOKEN_AGE_SECONDS);
    expect(login.sessionExpiresIn).toBeGreaterThan(login.expiresIn);
    expect(login.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const verified = await verifyTestToken(login.token);
    expect(verified.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((verified.expiresAt.getTime() - Date.now()) / 1000).toBeLessThanOrEqual(15 * 60);
    // Only a hash of the refresh token is stored.
    const stored = await portalDb.query<{ token_hash: Buffer }>(
      'SELECT token_hash FROM refresh_tokens WHERE session_id = $1',
      [verified.sessionId],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.token_hash.toString('base64url')).not.toBe(login.refreshToken);
    expect(stored.rows[0]!.token_hash).toHaveLength(32);
  });

  it('publishes its public keys, which are all a service needs to verify its tokens', async () => {
    const jwks = await request(portal.url).get('/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body).toEqual(TEST_JWKS);
    expect(JSON.stringify(jwks.body)).not.toContain('"d"');
    const verify = createTokenVerifier({ jwksUrl: `${portal.url}/.well-known/jwks.json` });
    const login = await logIn('auditor');
    expect((await verify(login.token)).user.username).toBe('auditor');
    // The real contract service accepts it too (it was given the public key only).
    const vendors = await request(contract.url)
      .get('/api/vendors')
      .set('Authorization', `Bearer ${login.token}`);
    expect(vendors.status).toBe(200);
  });

  it('rotates refresh tokens: each works once, and a spent one revokes the whole session', async () => {
    const login = await logIn('accountant');
    const first = await refresh(login.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      user: { username: 'accountant', roles: ['accountant'] },
      expiresIn: login.expiresIn,
    });
    expect(first.body.refreshToken).not.toBe(login.refreshToken);
    expect(await sidOf(first.body.token)).toBe(await sidOf(login.token));
    const second = await refresh(first.body.refreshToken);
    expect(second.status).toBe(200);
    expect((await session(second.body.token)).status).toBe(200);

    // The first refresh token again: someone holds a copy. Refused, and the session is over for
    // everyone — the newest tokens included.
    const reused = await refresh(login.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.type).toBe('application/problem+json');
    expect(reused.body.detail).toMatch(/already used/);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    expect((await session(second.body.token)).status).toBe(401);
    const audited = await portalDb.query<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_log WHERE entity_type = 'session'",
    );
    expect(audited.rows).toContainEqual({
      action: 'session.revoked',
      entity_id: await sidOf(login.token),
    });
  });

  it('refuses an unknown, empty or missing refresh token', async () => {
    expect((await refresh('A'.repeat(43))).status).toBe(401);
    expect((await request(portal.url).post('/api/auth/refresh').send({})).status).toBe(401);
    expect((await refresh('')).status).toBe(400);
  });

  it('signs out: the portal refuses the access token at once (its own operations and the gateway) and the refresh token', async () => {
    const login = await logIn('auditor');
    expect((await session(login.token)).status).toBe(200);
    const throughGateway = () =>
      request(portal.url)
        .get('/api/invoices/00000000-0000-4000-8000-000000000001')
        .set('Authorization', `Bearer ${login.token}`);
    expect((await throughGateway()).status).toBe(200);
    const forwarded = standIn.seen.length;

    const out = await request(portal.url)
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${login.token}`);
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ signedOut: true });

    const refused = await session(login.token);
    expect(refused.status).toBe(401);
    const proxied = await throughGateway();
    expect(proxied.status).toBe(401);
    expect(proxied.type).toBe('application/problem+json');
    expect(standIn.seen.length).toBe(forwarded); // it never reached the service
    expect((await refresh(login.refreshToken)).status).toBe(401);

    // A service behind the portal knows nothing of sessions: it accepts the token until it
    // expires (at most 15 minutes). Users reach it only through the portal.
    const direct = await request(contract.url)
      .get('/api/vendors')
      .set('Authorization', `Bearer ${login.token}`);
    expect(direct.status).toBe(200);
  });

  it('signs out by the refresh token alone (a bearer client whose access token expired)', async () => {
    const login = await logIn('auditor');
    const out = await request(portal.url)
      .post('/api/auth/logout')
      .send({ refreshToken: login.refreshToken });
    expect(out.status).toBe(200);
    expect((await session(login.token)).status).toBe(401);
    expect((await refresh(login.refreshToken)).status).toBe(401);
  });

  it('cannot end another user’s session by naming its id in a token it signed itself', async () => {
    const victim = await logIn('approver');
    const sid = await sidOf(victim.token);
    const forger = generateSigningKey();
    const forged = await createTokenSigner({ keys: [forger] }).issue(
      { username: 'approver', roles: ['approver'] },
      sid === undefined ? {} : { sessionId: sid },
    );
    await request(portal.url).post('/api/auth/logout').set('Authorization', `Bearer ${forged}`);
    expect((await session(victim.token)).status).toBe(200);
  });

  it('revokes every session of a user who is disabled', async () => {
    const first = await logIn('treasurer2');
    const second = await logIn('treasurer2');
    const disabled = await request(portal.url)
      .post('/api/users/treasurer2/disable')
      .set('Authorization', await bearer('admin', { username: 'the-admin' }));
    expect(disabled.status).toBe(200);
    for (const login of [first, second]) {
      expect((await session(login.token)).status).toBe(401);
      expect((await refresh(login.refreshToken)).status).toBe(401);
    }
    const reasons = await portalDb.query<{ revoked_reason: string }>(
      "SELECT revoked_reason FROM sessions WHERE username = 'treasurer2'",
    );
    expect(reasons.rows.map((row) => row.revoked_reason)).toEqual([
      'user-disabled',
      'user-disabled',
    ]);
  });

  it('refuses an expired token and one of a session that never existed', async () => {
    expect((await session((await bearer('admin', { ttlSeconds: -10 })).slice(7))).status).toBe(401);
    const unknownSession = await bearer('admin', {
      sessionId: '00000000-0000-4000-8000-000000000000',
    });
    const response = await request(portal.url)
      .get('/api/auth/session')
      .set('Authorization', unknownSession);
    expect(response.status).toBe(401);
  });

  describe('in the browser (cookies)', () => {
    async function signIn(username: string) {
      const response = await request(portal.url)
        .post('/api/auth/session')
        .send({ username, password: 'demo' });
      expect(response.status).toBe(200);
      const cookies = setCookies(response);
      return {
        access: cookies.denpyo_session!.value,
        refresh: cookies.denpyo_refresh!.value,
        csrf: cookies.denpyo_csrf!.value,
      };
    }
    const refreshByCookie = (refreshToken: string, csrf: string, withHeader = true) => {
      const post = request(portal.url)
        .post('/api/auth/refresh')
        .set('Cookie', `denpyo_refresh=${refreshToken}; denpyo_csrf=${csrf}`);
      return withHeader ? post.set('X-CSRF-Token', csrf) : post;
    };

    it('renews the session with the refresh cookie: new cookies, no token in the body', async () => {
      const signedIn = await signIn('procurement2');
      // Another site cannot make the browser refresh (the CSRF header is missing).
      expect((await refreshByCookie(signedIn.refresh, signedIn.csrf, false)).status).toBe(403);

      const renewed = await refreshByCookie(signedIn.refresh, signedIn.csrf);
      expect(renewed.status).toBe(200);
      expect(renewed.body.token).toBeUndefined();
      expect(renewed.body.refreshToken).toBeUndefined();
      expect(renewed.body.user).toMatchObject({ username: 'procurement2' });
      const cookies = setCookies(renewed);
      expect(Object.keys(cookies).sort()).toEqual(['denpyo_refresh', 'denpyo_session']);
      expect(cookies.denpyo_refresh!.raw).toMatch(
        /Path=\/api\/auth; HttpOnly; Secure; SameSite=Strict/,
      );
      expect(cookies.denpyo_session!.raw).toMatch(/Max-Age=900; Path=\/; HttpOnly/);
      const byCookie = await request(portal.url)
        .get('/api/auth/session')
        .set('Cookie', `denpyo_session=${cookies.denpyo_session!.value}`);
      expect(byCookie.status).toBe(200);

      // The old refresh cookie again (a copy): the session ends.
      expect((await refreshByCookie(signedIn.refresh, signedIn.csrf)).status).toBe(401);
      const after = await request(portal.url)
        .get('/api/auth/session')
        .set('Cookie', `denpyo_session=${cookies.denpyo_session!.value}`);
      expect(after.status).toBe(401);
    });

    it('signs out with the cookies: the session is revoked, not only forgotten', async () => {
      const signedIn = await signIn('procurement2');
      const out = await request(portal.url)
        .post('/api/auth/logout')
        .set(
          'Cookie',
          `denpyo_session=${signedIn.access}; denpyo_refresh=${signedIn.refresh}; denpyo_csrf=${signedIn.csrf}`,
        )
        .set('X-CSRF-Token', signedIn.csrf);
      expect(out.status).toBe(200);
      expect(setCookies(out).denpyo_refresh?.raw).toMatch(
        /^denpyo_refresh=; Max-Age=0; Path=\/api\/auth/,
      );
      const again = await request(portal.url)
        .get('/api/auth/session')
        .set('Cookie', `denpyo_session=${signedIn.access}`);
      expect(again.status).toBe(401);
      expect((await refreshByCookie(signedIn.refresh, signedIn.csrf)).status).toBe(401);
    });
  });
});

describe('signing keys', () => {
  const portalEnvSchema = z.intersection(serviceEnvSchema, portalSettingsSchema);
  const base = {
    DATABASE_URL: 'postgres://denpyo:secret@localhost/denpyo',
    PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
  };

  it('outside demo mode the portal does not start without one, naming the setting', async () => {
    expect(() => parseConfig(portalEnvSchema, base)).toThrow(
      /AUTH_SIGNING_KEYS: is not set \(nor AUTH_SIGNING_KEYS_FILE\)/,
    );
    expect(() => parseConfig(portalEnvSchema, { ...base, DEMO_MODE: '0' })).toThrow(ConfigError);
    // startService (what tests and embedders call) refuses as well.
    const withoutKey = { ...testPortalEnv({ DEMO_MODE: false }), AUTH_SIGNING_KEYS: undefined };
    await expect(startService(portalService, withoutKey)).rejects.toThrow(/AUTH_SIGNING_KEYS/);
  });

  it('takes them from the environment or a file (a container secret), never both, private keys only', () => {
    const json = JSON.stringify(TEST_SIGNING_KEYS);
    expect(
      parseConfig(portalEnvSchema, { ...base, AUTH_SIGNING_KEYS: json }).AUTH_SIGNING_KEYS,
    ).toEqual(TEST_SIGNING_KEYS);
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'signing-keys.json');
    writeFileSync(file, json);
    expect(
      parseConfig(portalEnvSchema, { ...base, AUTH_SIGNING_KEYS_FILE: file })
        .AUTH_SIGNING_KEYS_FILE,
    ).toEqual(TEST_SIGNING_KEYS);
    expect(() =>
      parseConfig(portalEnvSchema, {
        ...base,
        AUTH_SIGNING_KEYS: json,
        AUTH_SIGNING_KEYS_FILE: file,
      }),
    ).toThrow(/AUTH_SIGNING_KEYS_FILE: give the signing keys once/);
    expect(() =>
      parseConfig(portalEnvSchema, { ...base, AUTH_SIGNING_KEYS_FILE: `${file}.missing` }),
    ).toThrow(/AUTH_SIGNING_KEYS_FILE: cannot be read/);
    expect(() =>
      parseConfig(portalEnvSchema, { ...base, AUTH_SIGNING_KEYS: JSON.stringify(TEST_JWKS) }),
    ).toThrow(/AUTH_SIGNING_KEYS:/);
    // Access tokens cannot be configured to live longer than every verifier accepts.
    expect(() =>
      parseConfig(portalEnvSchema, {
        ...base,
        AUTH_SIGNING_KEYS: json,
        ACCESS_TOKEN_TTL_SECONDS: '3600',
      }),
    ).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
  });

  it('demo mode without a key signs with one made at start', async () => {
    expect(parseConfig(portalEnvSchema, { ...base, DEMO_MODE: '1' }).DEMO_MODE).toBe(true);
    const withoutKey = { ...testPortalEnv({ DEMO_MODE: true }), AUTH_SIGNING_KEYS: undefined };
    const demo = await startService(portalService, withoutKey);
    try {
      const jwks = await request(demo.url).get('/.well-known/jwks.json');
      expect(jwks.body.keys).toHaveLength(1);
      expect(jwks.body.keys[0].kid).not.toBe(TEST_JWKS.keys[0]!.kid);
    } finally {
      await demo.stop();
    }
  });

  it('rotate without downtime: both published during the overlap, the old one refused once removed', async () => {
    const newKey = generateSigningKey();
    const overlap = testPortalEnv({
      DEMO_MODE: true,
      AUTH_SIGNING_KEYS: { keys: [newKey, ...TEST_SIGNING_KEYS.keys] },
    });
    // A session opened before the rotation, its token signed with the old (test) key.
    const oldToken = await bearer('auditor', { username: 'olga' });
    let portal = await startService(portalService, overlap);
    try {
      const jwks = await request(portal.url).get('/.well-known/jwks.json');
      expect(jwks.body.keys.map((key: { kid: string }) => key.kid)).toEqual([
        newKey.kid,
        TEST_JWKS.keys[0]!.kid,
      ]);
      const login = await request(portal.url)
        .post('/api/auth/login')
        .send({ username: 'auditor', password: 'demo' });
      const header = JSON.parse(
        Buffer.from(String(login.body.token).split('.')[0]!, 'base64url').toString(),
      ) as { kid: string };
      expect(header.kid).toBe(newKey.kid);
      expect(
        (await request(portal.url).get('/api/auth/session').set('Authorization', oldToken)).status,
      ).toBe(200);
      await portal.stop();

      // Overlap over: the old key is removed.
      portal = await startService(portalService, {
        ...overlap,
        PORT: 0,
        AUTH_SIGNING_KEYS: { keys: [newKey] },
      });
      expect(
        (await request(portal.url).get('/api/auth/session').set('Authorization', oldToken)).status,
      ).toBe(401);
      expect(
        (
          await request(portal.url)
            .get('/api/auth/session')
            .set('Authorization', `Bearer ${login.body.token as string}`)
        ).status,
      ).toBe(200);
    } finally {
      await portal.stop();
    }
  });
});
