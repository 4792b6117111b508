import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createPool, type RunningService, startService } from '@denpyo/platform';
import { bearer } from '@denpyo/platform/testing';
import {
  PORTAL_OPERATIONS,
  STAFF_ROLES,
  type OperationDeclaration,
  type Role,
} from '@denpyo/schemas';
import { hashPassword } from '../src/domain/password';
import { OPEN_BEFORE_PASSWORD_CHANGE } from '../src/http/routes';
import { portalService } from '../src/service';
import { newClient, startStandIn, testPortalEnv, type StandIn } from './support';

const VENDOR = randomUUID();

/**
 * Accounts as a city needs them (issue 8): a password someone else chose is changed at the
 * first sign-in before anything else; vendors change their own; the sign-in throttle cannot
 * lock the rightful user out nor be bypassed with a forwarded header; each check costs one
 * scrypt derivation, for unknown users too; old hashes are upgraded.
 */
describe('accounts', () => {
  let upstream: StandIn;
  let portal: RunningService;
  // Behind a trusted proxy on loopback, so each test's sign-ins can come from their own client.
  const options = testPortalEnv({ DEMO_MODE: true, TRUSTED_PROXIES: ['loopback'] });
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', options.DB_SCHEMA ?? '');

  beforeAll(async () => {
    // One stand-in for all three services: it knows the vendor and answers every call 200.
    upstream = await startStandIn((app) => {
      app.get('/api/vendors/:id', (_req, res) => {
        res.json({ id: VENDOR, name: '株式会社テスト' });
      });
      app.use((_req, res) => {
        res.json([]);
      });
    });
    portal = await startService(portalService, {
      ...options,
      CONTRACT_URL: upstream.url,
      INVOICE_URL: upstream.url,
      PAYMENT_URL: upstream.url,
    });
  });
  afterAll(async () => {
    await portal.stop();
    await upstream.close();
    await pool.end();
  });

  const client = newClient;
  const login = (username: string, password: string, from = '127.0.0.1') =>
    request(portal.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', from)
      .send({ username, password });
  const forwarded = (path: string) => upstream.seen.filter((seen) => seen.url === path);

  describe('a password someone else chose', () => {
    it('must be changed at the first sign-in: until then only the change, the session and sign-out work', async () => {
      const created = await request(portal.app)
        .post('/api/users')
        .set('Authorization', await bearer('admin', { username: 'admin' }))
        .send({
          username: 'new.auditor',
          password: 'chosen-by-admin',
          displayName: '新人 監査',
          title: '監査委員事務局主事',
          roles: ['auditor'],
        });
      expect(created.status).toBe(201);

      const signedIn = await login('new.auditor', 'chosen-by-admin');
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({
        username: 'new.auditor',
        mustChangePassword: true,
      });
      const own = `Bearer ${signedIn.body.token}`;

      // The portal's own operations and everything forwarded: 403 naming the reason.
      for (const call of [
        request(portal.app).get('/api/audit/portal').set('Authorization', own),
        request(portal.app).get('/api/contracts').set('Authorization', own),
        request(portal.app).get('/api/audit/contract').set('Authorization', own),
      ]) {
        const refused = await call;
        expect(refused.status).toBe(403);
        expect(refused.type).toBe('application/problem+json');
        expect(refused.body.detail).toMatch(/change the password/);
      }
      // A token without a session (the portal's own kind) is held back too: its user is read.
      const sessionless = await request(portal.app)
        .get('/api/contracts')
        .set('Authorization', await bearer('auditor', { username: 'new.auditor' }));
      expect(sessionless.status).toBe(403);
      expect(forwarded('/api/contracts')).toEqual([]);

      const session = await request(portal.app).get('/api/auth/session').set('Authorization', own);
      expect(session.status).toBe(200);
      expect(session.body.user).toMatchObject({
        username: 'new.auditor',
        mustChangePassword: true,
      });

      // Signing out is allowed (here a second sign-in's session, so this one lives on).
      const second = await login('new.auditor', 'chosen-by-admin', client());
      const signedOut = await request(portal.app)
        .post('/api/auth/logout')
        .set('Authorization', `Bearer ${second.body.token}`);
      expect(signedOut.status).toBe(200);

      const changed = await request(portal.app)
        .post('/api/auth/password')
        .set('Authorization', own)
        .send({ currentPassword: 'chosen-by-admin', newPassword: 'my-own-secret' });
      expect(changed.status).toBe(200);

      // The same token now works, here and behind the gateway.
      const trail = await request(portal.app).get('/api/audit/portal').set('Authorization', own);
      expect(trail.status).toBe(200);
      const contracts = await request(portal.app).get('/api/contracts').set('Authorization', own);
      expect(contracts.status).toBe(200);
      expect(forwarded('/api/contracts')).toHaveLength(1);
      const again = await login('new.auditor', 'my-own-secret', client());
      expect(again.status).toBe(200);
      expect(again.body.user.mustChangePassword).toBeUndefined();
      const after = await request(portal.app).get('/api/auth/session').set('Authorization', own);
      expect(after.body.user.mustChangePassword).toBeUndefined();
    });

    it('of a vendor login procurement made must be changed too, and the vendor can change it', async () => {
      const created = await request(portal.app)
        .post(`/api/vendors/${VENDOR}/portal-users`)
        .set('Authorization', await bearer('procurement', { username: 'procurement' }))
        .send({ username: 'acme.clerk', password: 'chosen-by-procurement' });
      expect(created.status).toBe(201);
      const signedIn = await login('acme.clerk', 'chosen-by-procurement', client());
      expect(signedIn.body.user).toEqual({
        username: 'acme.clerk',
        roles: ['vendor'],
        vendorId: VENDOR,
        mustChangePassword: true,
      });
      const own = `Bearer ${signedIn.body.token}`;
      const invoices = await request(portal.app).get('/api/invoices').set('Authorization', own);
      expect(invoices.status).toBe(403);
      expect(forwarded('/api/invoices')).toEqual([]);

      const changed = await request(portal.app)
        .post('/api/auth/password')
        .set('Authorization', own)
        .send({ currentPassword: 'chosen-by-procurement', newPassword: 'acme-own-secret' });
      expect(changed.status).toBe(200);
      expect(
        (await request(portal.app).get('/api/invoices').set('Authorization', own)).status,
      ).toBe(200);
      expect((await login('acme.clerk', 'chosen-by-procurement', client())).status).toBe(401);
      const withOwn = await login('acme.clerk', 'acme-own-secret', client());
      expect(withOwn.status).toBe(200);
      expect(withOwn.body.user.mustChangePassword).toBeUndefined();
      const audit = await pool.query(
        "SELECT actor, counterparty FROM audit_log WHERE entity_id = 'acme.clerk' AND action = 'user.password-changed'",
      );
      expect(audit.rows).toEqual([{ actor: 'acme.clerk', counterparty: VENDOR }]);
    });

    it('ends every other session of the user when it is changed: whoever knew it keeps nothing', async () => {
      await request(portal.app)
        .post(`/api/vendors/${VENDOR}/portal-users`)
        .set('Authorization', await bearer('procurement', { username: 'procurement' }))
        .send({ username: 'acme.keeper', password: 'known-to-procurement' })
        .expect(201);
      // The one who chose the password signs in as the vendor and keeps that session.
      const kept = await login('acme.keeper', 'known-to-procurement', client());
      expect(kept.status).toBe(200);
      const keptToken = `Bearer ${kept.body.token}`;
      const vendor = await login('acme.keeper', 'known-to-procurement', client());
      const own = `Bearer ${vendor.body.token}`;

      const changed = await request(portal.app)
        .post('/api/auth/password')
        .set('Authorization', own)
        .send({ currentPassword: 'known-to-procurement', newPassword: 'acme-keeper-own' });
      expect(changed.status).toBe(200);

      // The kept session: refused here and at the gateway, and it cannot be renewed.
      const before = forwarded('/api/invoices').length;
      for (const path of ['/api/auth/session', '/api/invoices']) {
        const refused = await request(portal.app).get(path).set('Authorization', keptToken);
        expect({ path, status: refused.status }).toEqual({ path, status: 401 });
      }
      expect(forwarded('/api/invoices')).toHaveLength(before);
      const renewed = await request(portal.app)
        .post('/api/auth/refresh')
        .send({ refreshToken: kept.body.refreshToken });
      expect(renewed.status).toBe(401);
      // The vendor's own session goes on, with full access now.
      expect(
        (await request(portal.app).get('/api/invoices').set('Authorization', own)).status,
      ).toBe(200);
      const sessions = await pool.query(
        "SELECT revoked_reason FROM sessions WHERE username = 'acme.keeper' ORDER BY created_at",
      );
      expect(sessions.rows).toEqual([
        { revoked_reason: 'password-changed' },
        { revoked_reason: null },
      ]);
      const audit = await pool.query(
        "SELECT after FROM audit_log WHERE entity_id = 'acme.keeper' AND action = 'user.password-changed'",
      );
      expect(audit.rows).toEqual([{ after: { sessionsRevoked: 1 } }]);
    });

    it('holds back every portal operation with roles but the session and the change, the new ones too', async () => {
      const given = 'given-to-all-roles';
      await request(portal.app)
        .post('/api/users')
        .set('Authorization', await bearer('admin', { username: 'admin' }))
        .send({
          username: 'every.role',
          password: given,
          displayName: '全 役割',
          title: '試験',
          roles: STAFF_ROLES,
          rank: 'kacho',
        })
        .expect(201);
      const own = `Bearer ${(await login('every.role', given, client())).body.token}`;
      // Valid bodies, so that what answers is the gate and not the body's check.
      const bodies: Record<string, object> = {
        createUser: {
          username: 'never.made',
          password: 'whatever-1',
          displayName: '未 作成',
          title: '試験',
          roles: ['auditor'],
        },
        createVendorPortalUser: { username: 'never.vendor', password: 'whatever-1' },
      };
      const held = Object.entries(PORTAL_OPERATIONS).filter(
        ([id, operation]: [string, OperationDeclaration]) =>
          operation.roles !== undefined &&
          operation.response.kind !== 'raw' &&
          !OPEN_BEFORE_PASSWORD_CHANGE.has(id),
      );
      expect(held.length).toBeGreaterThanOrEqual(5);
      for (const [id, operation] of held as [string, OperationDeclaration][]) {
        expect(
          operation.roles?.some((role) => (STAFF_ROLES as readonly Role[]).includes(role)),
        ).toBe(true);
        if (operation.body)
          expect({ id, body: bodies[id] }).toEqual({ id, body: expect.anything() });
        const path = operation.path.replace('{username}', 'admin').replace('{id}', VENDOR);
        const call = request(portal.app)[operation.method](path).set('Authorization', own);
        const answer = await (operation.body ? call.send(bodies[id]) : call);
        expect({ id, status: answer.status, detail: answer.body.detail }).toEqual({
          id,
          status: 403,
          detail: expect.stringMatching(/change the password/),
        });
      }
      const users = await pool.query("SELECT username FROM users WHERE username LIKE 'never.%'");
      expect(users.rows).toEqual([]);
    });

    it('holds back a browser session (cookie) as it does a bearer token', async () => {
      await request(portal.app)
        .post('/api/users')
        .set('Authorization', await bearer('admin', { username: 'admin' }))
        .send({
          username: 'cookie.user',
          password: 'given-in-cookie',
          displayName: '閲覧 花子',
          title: '監査委員事務局主事',
          roles: ['auditor'],
        })
        .expect(201);
      const session = await request(portal.app)
        .post('/api/auth/session')
        .set('X-Forwarded-For', client())
        .send({ username: 'cookie.user', password: 'given-in-cookie' });
      expect(session.status).toBe(200);
      expect(session.body.user.mustChangePassword).toBe(true);
      const cookie = ([] as string[])
        .concat(session.headers['set-cookie'] ?? [])
        .map((header) => header.split(';')[0])
        .join('; ');
      const before = forwarded('/api/contracts').length;
      const refused = await request(portal.app).get('/api/contracts').set('Cookie', cookie);
      expect(refused.status).toBe(403);
      expect(forwarded('/api/contracts')).toHaveLength(before);
      const own = await request(portal.app).get('/api/auth/session').set('Cookie', cookie);
      expect(own.body.user.mustChangePassword).toBe(true);
    });

    it('is not demanded of demo users', async () => {
      const signedIn = await login('treasurer', 'demo', client());
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.mustChangePassword).toBeUndefined();
    });
  });

  describe('the sign-in throttle', () => {
    it('never refuses the right password from another client because of one client’s failures', async () => {
      const attacker = client();
      expect((await login('approver2', 'guess-1', attacker)).status).toBe(401);
      const refused = await login('approver2', 'demo', attacker);
      expect(refused.status).toBe(429);
      expect(refused.type).toBe('application/problem+json');
      expect(refused.headers['retry-after']).toBe('1');
      expect((await login('approver2', 'demo', client())).status).toBe(200);
    });

    it('backs the failing client off exponentially: 1 s, then 2 s', async () => {
      const from = client();
      expect((await login('approver3', 'guess-1', from)).status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await login('approver3', 'guess-2', from)).status).toBe(401);
      const refused = await login('approver3', 'demo', from);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('2');
    });
  });

  describe('password hashing', () => {
    it('costs one scrypt derivation for a wrong password and for an unknown user alike', async () => {
      // The module object password.ts calls scrypt on (a namespace import could not be spied).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const scrypt = jest.spyOn(require('node:crypto') as typeof import('node:crypto'), 'scrypt');
      try {
        expect((await login('auditor', 'wrong-password', client())).status).toBe(401);
        expect(scrypt).toHaveBeenCalledTimes(1);
        expect((await login('nobody.here', 'wrong-password', client())).status).toBe(401);
        expect(scrypt).toHaveBeenCalledTimes(2);
        // Both at the configured cost.
        for (const [, , , params] of scrypt.mock.calls) {
          expect(params).toMatchObject({ N: 1024, r: 8, p: 1 });
        }
      } finally {
        scrypt.mockRestore();
      }
    });

    it('re-hashes a password of an older cost at the next successful sign-in, keeping it', async () => {
      const old = await hashPassword('demo', { N: 2048, r: 8, p: 1 });
      await pool.query('UPDATE users SET password_hash = $1 WHERE username = $2', [
        old,
        'accountant',
      ]);
      expect((await login('accountant', 'demo', client())).status).toBe(200);
      const { rows } = await pool.query(
        "SELECT password_hash FROM users WHERE username = 'accountant'",
      );
      expect(rows[0].password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
      expect((await login('accountant', 'demo', client())).status).toBe(200);
    });
  });
});

describe('the client a sign-in comes from', () => {
  const attempt = (portal: RunningService, forwardedFor: string, password: string) =>
    request(portal.app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', forwardedFor)
      .send({ username: 'auditor', password });

  const forwardingWarnings = (warn: jest.SpyInstance) =>
    warn.mock.calls.filter((args) => /X-Forwarded-For.*TRUSTED_PROXIES/.test(String(args[1])));

  it('is the socket’s peer by default: a rotating X-Forwarded-For buys no extra guesses', async () => {
    const portal = await startService(portalService, testPortalEnv({ DEMO_MODE: true }));
    const warn = jest.spyOn(portal.runtime.logger, 'warn');
    try {
      expect((await attempt(portal, '192.0.2.1', 'guess-0')).status).toBe(401);
      for (let i = 1; i <= 5; i += 1) {
        const next = await attempt(portal, `192.0.2.${i + 1}`, `guess-${i}`);
        expect(next.status).toBe(429);
      }
      // The operator hears once that a proxy seems to be in front, unconfigured.
      expect(forwardingWarnings(warn)).toHaveLength(1);
    } finally {
      warn.mockRestore();
      await portal.stop();
    }
  });

  it('is the one trusted proxies name (TRUSTED_PROXIES)', async () => {
    const portal = await startService(
      portalService,
      testPortalEnv({ DEMO_MODE: true, TRUSTED_PROXIES: ['loopback'] }),
    );
    const warn = jest.spyOn(portal.runtime.logger, 'warn');
    try {
      expect((await attempt(portal, '192.0.2.1', 'guess-0')).status).toBe(401);
      expect((await attempt(portal, '192.0.2.1', 'demo')).status).toBe(429);
      // Another client behind the proxy signs in.
      expect((await attempt(portal, '192.0.2.2', 'demo')).status).toBe(200);
      expect(forwardingWarnings(warn)).toEqual([]);
    } finally {
      warn.mockRestore();
      await portal.stop();
    }
  });

  it('is an IPv6 client’s /64: rotating addresses within it buys no extra guesses', async () => {
    const portal = await startService(
      portalService,
      testPortalEnv({ DEMO_MODE: true, TRUSTED_PROXIES: ['loopback'] }),
    );
    try {
      expect((await attempt(portal, '2001:db8:7:7::1', 'guess-0')).status).toBe(401);
      for (const rotated of ['2001:db8:7:7::2', '2001:db8:7:7:ffff:1:2:3']) {
        expect((await attempt(portal, rotated, 'demo')).status).toBe(429);
      }
      // Another /64 is another client.
      expect((await attempt(portal, '2001:db8:7:8::1', 'demo')).status).toBe(200);
    } finally {
      await portal.stop();
    }
  });
});
