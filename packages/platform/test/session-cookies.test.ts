import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { declareOperations, json } from '@denpyo/schemas';
import { ok } from '../src/application/outcome';
import { authenticate, createTokenSigner } from '../src/http/auth';
import { problemHandler } from '../src/http/errors';
import { registerOperations } from '../src/http/operations';
import {
  CSRF_COOKIE,
  REFRESH_COOKIE,
  SESSION_COOKIE,
  signedInCookies,
  signedOutCookies,
  withCookies,
} from '../src/http/session-cookies';
import { createLogger } from '../src/logger';
import { generateSigningKey } from '../src/http/signing-keys';
import { testToken, verifyTestToken } from '../src/testing';
import '../src/http/express-augment';

const USER = { username: 'pat', roles: ['procurement' as const] };

/** A bare app: the platform's authenticate in front of a read and a write that echo the caller. */
function authenticatedApp() {
  const app = express();
  const writes: string[] = [];
  app.get('/things', authenticate(verifyTestToken), (req, res) => {
    res.json({ user: req.user?.username });
  });
  app.post('/things', authenticate(verifyTestToken), (req, res) => {
    writes.push(req.user?.username ?? '?');
    res.status(201).json({ user: req.user?.username });
  });
  app.use(problemHandler(createLogger('test', 'silent')));
  return { app, writes };
}

/** The Cookie header a browser sends after signInCookies. */
function cookieHeader(token: string, csrf = 'the-csrf-token') {
  return `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}; other=1`;
}

describe('authenticate with the session cookie', () => {
  let token: string;
  beforeAll(async () => {
    token = await testToken(USER);
  });

  it('accepts the session cookie where it accepts a bearer token, for reads without a CSRF header', async () => {
    const { app } = authenticatedApp();
    const byCookie = await request(app).get('/things').set('Cookie', cookieHeader(token));
    const byBearer = await request(app).get('/things').set('Authorization', `Bearer ${token}`);
    expect([byCookie.status, byCookie.body]).toEqual([200, { user: 'pat' }]);
    expect([byBearer.status, byBearer.body]).toEqual([200, { user: 'pat' }]);
  });

  it.each([
    ['no CSRF header', undefined],
    ['a wrong CSRF header', 'not-the-csrf-token'],
    ['an empty CSRF header', ''],
    ['a longer CSRF header', 'the-csrf-token-and-more'],
  ])('refuses a cookie-authenticated write with %s: 403, nothing done', async (_case, header) => {
    const { app, writes } = authenticatedApp();
    const post = request(app).post('/things').set('Cookie', cookieHeader(token));
    const response = await (header === undefined ? post : post.set('X-CSRF-Token', header)).send(
      {},
    );
    expect(response.status).toBe(403);
    expect(response.type).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 403, detail: 'CSRF token missing or wrong' });
    expect(writes).toEqual([]);
  });

  it('refuses a write whose CSRF cookie is missing, even with a header', async () => {
    const { app, writes } = authenticatedApp();
    const response = await request(app)
      .post('/things')
      .set('Cookie', `${SESSION_COOKIE}=${token}`)
      .set('X-CSRF-Token', 'anything')
      .send({});
    expect(response.status).toBe(403);
    expect(writes).toEqual([]);
  });

  it('lets a cookie-authenticated write through when the header repeats the CSRF cookie', async () => {
    const { app, writes } = authenticatedApp();
    const response = await request(app)
      .post('/things')
      .set('Cookie', cookieHeader(token))
      .set('X-CSRF-Token', 'the-csrf-token')
      .send({});
    expect(response.status).toBe(201);
    expect(writes).toEqual(['pat']);
  });

  it('leaves bearer clients as they were: no CSRF header needed, the bearer token decides', async () => {
    const { app, writes } = authenticatedApp();
    const bearerOnly = await request(app)
      .post('/things')
      .set('Authorization', `Bearer ${token}`)
      .send({});
    // A bearer token with a stray session cookie beside it is still a bearer request.
    const both = await request(app)
      .post('/things')
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', cookieHeader('x.y.z'))
      .send({});
    expect([bearerOnly.status, both.status]).toEqual([201, 201]);
    expect(writes).toEqual(['pat', 'pat']);
  });

  it('answers 401 for a missing, forged or expired session cookie', async () => {
    const { app } = authenticatedApp();
    const expired = await testToken(USER, { ttlSeconds: -10 });
    const forged = await createTokenSigner({ keys: [generateSigningKey()] }).issue(USER);
    const none = await request(app).get('/things').set('Cookie', 'other=1');
    expect(none.status).toBe(401);
    for (const bad of [expired, forged, 'garbage']) {
      const response = await request(app).get('/things').set('Cookie', cookieHeader(bad));
      expect(response.status).toBe(401);
      expect(response.body.detail).toMatch(/session/);
    }
  });
});

describe('session cookies on a reply', () => {
  const OPERATIONS = declareOperations({
    signIn: {
      method: 'post',
      path: '/api/sign-in',
      owner: 'portal',
      tag: 'auth',
      summary: 'Sign in',
      response: json(z.object({ user: z.string() }), 'The user'),
    },
    signOut: {
      method: 'post',
      path: '/api/sign-out',
      owner: 'portal',
      tag: 'auth',
      summary: 'Sign out',
      response: json(z.object({ signedOut: z.literal(true) }), 'Signed out'),
    },
  });
  const app = express();
  registerOperations(
    app,
    OPERATIONS,
    {
      signIn: () =>
        Promise.resolve(
          ok(
            withCookies(
              { user: 'pat' },
              signedInCookies({
                accessToken: 'a.b.c',
                accessMaxAgeSeconds: 900,
                refreshToken: 'r-1',
                sessionMaxAgeSeconds: 3600,
              }),
            ),
          ),
        ),
      signOut: () =>
        Promise.resolve(ok(withCookies({ signedOut: true as const }, signedOutCookies()))),
    },
    {},
  );

  it('sets the access and refresh tokens (HttpOnly; refresh only for /api/auth) and a random CSRF cookie (readable), all Secure, Strict', async () => {
    const response = await request(app).post('/api/sign-in');
    expect(response.body).toEqual({ user: 'pat' });
    const cookies = response.headers['set-cookie'] as unknown as string[];
    expect(cookies).toHaveLength(3);
    expect(cookies[0]).toBe(
      `${SESSION_COOKIE}=a.b.c; Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Strict`,
    );
    expect(cookies[1]).toBe(
      `${REFRESH_COOKIE}=r-1; Max-Age=3600; Path=/api/auth; HttpOnly; Secure; SameSite=Strict`,
    );
    expect(cookies[2]).toMatch(
      new RegExp(
        `^${CSRF_COOKIE}=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=/; Secure; SameSite=Strict$`,
      ),
    );
    const again = await request(app).post('/api/sign-in');
    expect((again.headers['set-cookie'] as unknown as string[])[2]).not.toBe(cookies[2]);
  });

  it('clears all three cookies at sign-out', async () => {
    const response = await request(app).post('/api/sign-out');
    expect(response.body).toEqual({ signedOut: true });
    const cookies = response.headers['set-cookie'] as unknown as string[];
    expect(cookies).toEqual([
      `${SESSION_COOKIE}=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict`,
      `${REFRESH_COOKIE}=; Max-Age=0; Path=/api/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict`,
      `${CSRF_COOKIE}=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Strict`,
    ]);
  });
});
