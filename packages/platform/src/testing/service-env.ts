import { randomUUID } from 'node:crypto';
import type { AuthUser, Rank, Role } from '@denpyo/schemas';
import type { ServiceEnv } from '../config';
import type { EventBus } from '../events/event-bus';
import { createTokenSigner, type VerifiedToken } from '../http/auth';
import { publicJwks, type PrivateJwkSet } from '../http/signing-keys';
import { uniqueSchema } from './names';

/**
 * The test installation's signing key (Ed25519). Only tests know it: a real installation's
 * portal generates its own (npm start) or is given one (AUTH_SIGNING_KEYS).
 */
export const TEST_SIGNING_KEYS: PrivateJwkSet = {
  keys: [
    {
      kty: 'OKP',
      crv: 'Ed25519',
      x: 'l2xmvZ66QP9oZGlvRtt96Kmsb49WSU6g3aAonbfARJ0',
      d: 'djNBhm2N5XYKV4t34Ftoi-XMaJmry9gfNisoTKj1urg',
      kid: 'aR6_YCYq3I4LWmebDxl4x5m3t4OKu9A95fgR43R9yQM',
      alg: 'EdDSA',
      use: 'sig',
    },
  ],
};
/** What the services under test verify with: the public part of TEST_SIGNING_KEYS. */
export const TEST_JWKS = publicJwks(TEST_SIGNING_KEYS);

const testSigner = createTokenSigner(TEST_SIGNING_KEYS);

/** Verifies a token as the services under test do (the test key's public part). */
export function verifyTestToken(token: string): Promise<VerifiedToken> {
  return testSigner.verify(token);
}

/** A service's test environment; the portal's also holds the test signing key. */
export type TestServiceEnv = ServiceEnv & { AUTH_SIGNING_KEYS?: PrivateJwkSet };

/**
 * Environment for a service under test: the jest run's database, a fresh schema, any free port,
 * the test key's public part to verify tokens with, and for the portal (alone) the key itself.
 */
export function testServiceEnv(
  name: string,
  overrides: Partial<TestServiceEnv> = {},
): TestServiceEnv {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl)
    throw new Error('TEST_DATABASE_URL is not set: use the platform jest globalSetup');
  return {
    DATABASE_URL: databaseUrl,
    DB_SCHEMA: uniqueSchema(name),
    EVENT_LOG_SCHEMA: uniqueSchema('eventlog'),
    PORT: 0,
    HOST: '127.0.0.1',
    AUTH_JWKS: TEST_JWKS,
    ...(name === 'portal' ? { AUTH_SIGNING_KEYS: TEST_SIGNING_KEYS } : {}),
    LOG_LEVEL: 'silent',
    CITY_NAME: 'テスト市',
    PUBLIC_URL: 'http://localhost:3000',
    DEMO_MODE: false,
    ...overrides,
  } as TestServiceEnv;
}

/** Signs a token for `user` with the test key, as the portal would: `ttlSeconds` may be negative. */
export function testToken(
  user: AuthUser,
  options: { ttlSeconds?: number; sessionId?: string } = {},
): Promise<string> {
  return testSigner.issue(user, options);
}

/**
 * A bearer header for a test user with the given role (vendors get a vendor id; approvers the
 * rank 課長 unless another is given). `ttlSeconds` makes a short-lived or (negative) expired one.
 */
export async function bearer(
  role: Role,
  options: {
    username?: string;
    vendorId?: string;
    displayName?: string;
    title?: string;
    rank?: Rank;
    ttlSeconds?: number;
    sessionId?: string;
  } = {},
): Promise<string> {
  const username = options.username ?? `${role}-${randomUUID().slice(0, 8)}`;
  const token = await testToken(
    {
      username,
      roles: [role],
      displayName: options.displayName ?? `試験 ${username}`,
      title: options.title ?? '主事',
      ...(role === 'vendor' ? { vendorId: options.vendorId ?? randomUUID() } : {}),
      ...(role === 'approver' ? { rank: options.rank ?? 'kacho' } : {}),
    },
    {
      ...(options.ttlSeconds === undefined ? {} : { ttlSeconds: options.ttlSeconds }),
      ...(options.sessionId === undefined ? {} : { sessionId: options.sessionId }),
    },
  );
  return `Bearer ${token}`;
}

/** The event bus of a started service (every service but the portal has one). */
export function eventBusOf(service: { runtime: { bus?: EventBus } }): EventBus {
  if (!service.runtime.bus) throw new Error('This service has no event bus');
  return service.runtime.bus;
}
