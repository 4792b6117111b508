import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { importJWK, SignJWT } from 'jose';
import { parseConfig, requirePublicKeys, serviceEnvSchema } from '../src/config';
import { createTokenSigner, createTokenVerifier, type TokenVerifier } from '../src/http/auth';
import {
  generateSigningKey,
  PrivateJwkSetSchema,
  publicJwks,
  type PrivateJwk,
} from '../src/http/signing-keys';
import { closeServer, listen } from '../src/service';
import { TEST_JWKS, TEST_SIGNING_KEYS, testToken } from '../src/testing';

const USER = { username: 'pat', roles: ['admin' as const], displayName: '試験 太郎' };
const verifyTest = createTokenVerifier({ jwks: TEST_JWKS });

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** The claims a genuine token has, for tokens crafted by hand. */
const claims = () => ({
  sub: 'mallory',
  roles: ['admin'],
  iss: 'denpyo-portal',
  aud: 'denpyo',
  iat: now(),
  exp: now() + 600,
});

async function refused(verify: TokenVerifier, token: string): Promise<boolean> {
  return verify(token).then(
    () => false,
    () => true,
  );
}

describe('access tokens', () => {
  it('carry the user, the session id and the expiry, signed EdDSA with the key id', async () => {
    const token = await testToken(USER, { sessionId: 's-1', ttlSeconds: 300 });
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as object;
    expect(header).toEqual({ alg: 'EdDSA', kid: TEST_JWKS.keys[0]!.kid, typ: 'at+jwt' });
    const verified = await verifyTest(token);
    expect(verified.user).toEqual(USER);
    expect(verified.sessionId).toBe('s-1');
    expect(verified.expiresAt.getTime() / 1000).toBeCloseTo(now() + 300, -1);
  });

  it('refuses an HS256 token, whatever secret signed it (the public key included)', async () => {
    for (const secret of [
      'x'.repeat(32),
      TEST_JWKS.keys[0]!.x,
      JSON.stringify(TEST_JWKS.keys[0]),
    ]) {
      const token = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'HS256', kid: TEST_JWKS.keys[0]!.kid, typ: 'at+jwt' })
        .setSubject('mallory')
        .setIssuer('denpyo-portal')
        .setAudience('denpyo')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(secret));
      expect(await refused(verifyTest, token)).toBe(true);
    }
  });

  it('refuses alg "none"', async () => {
    const kid = TEST_JWKS.keys[0]!.kid;
    for (const alg of ['none', 'None', 'NONE']) {
      const token = `${b64({ alg, typ: 'at+jwt', kid })}.${b64(claims())}.`;
      expect(await refused(verifyTest, token)).toBe(true);
    }
  });

  it('refuses an expired token, and one issued longer ago than 15 minutes whatever its exp', async () => {
    expect(await refused(verifyTest, await testToken(USER, { ttlSeconds: -10 }))).toBe(true);
    const [key] = TEST_SIGNING_KEYS.keys;
    const old = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: key!.kid, typ: 'at+jwt' })
      .setSubject('pat')
      .setIssuer('denpyo-portal')
      .setAudience('denpyo')
      .setIssuedAt(now() - 16 * 60)
      .setExpirationTime(now() + 3600)
      .sign(await importKey(key!));
    expect(await refused(verifyTest, old)).toBe(true);
  });

  it('refuses a token from another key, even one that names the trusted kid', async () => {
    const other = { ...generateSigningKey(), kid: TEST_JWKS.keys[0]!.kid };
    const token = await createTokenSigner({ keys: [other] }).issue(USER);
    expect(await refused(verifyTest, token)).toBe(true);
    const unknownKid = await createTokenSigner({ keys: [generateSigningKey()] }).issue(USER);
    expect(await refused(verifyTest, unknownKid)).toBe(true);
  });

  it('refuses a token of another type, issuer or audience', async () => {
    const [key] = TEST_SIGNING_KEYS.keys;
    const privateKey = await importKey(key!);
    const make = async (typ: string, iss: string, aud: string) =>
      new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'EdDSA', kid: key!.kid, typ })
        .setSubject('pat')
        .setIssuer(iss)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    expect(await refused(verifyTest, await make('at+jwt', 'denpyo-portal', 'denpyo'))).toBe(false);
    expect(await refused(verifyTest, await make('JWT', 'denpyo-portal', 'denpyo'))).toBe(true);
    expect(await refused(verifyTest, await make('at+jwt', 'elsewhere', 'denpyo'))).toBe(true);
    expect(await refused(verifyTest, await make('at+jwt', 'denpyo-portal', 'other'))).toBe(true);
  });
});

describe('key rotation', () => {
  const oldKey = generateSigningKey();
  const newKey = generateSigningKey();

  it('publishes both keys during the overlap, signs with the first, and drops the old one after', async () => {
    const before = createTokenSigner({ keys: [oldKey] });
    const oldToken = await before.issue(USER);

    // Overlap: the new key first (it signs), the old one still published.
    const during = createTokenSigner({ keys: [newKey, oldKey] });
    expect(during.jwks.keys.map((key) => key.kid)).toEqual([newKey.kid, oldKey.kid]);
    const newToken = await during.issue(USER);
    expect(JSON.parse(Buffer.from(newToken.split('.')[0]!, 'base64url').toString())).toMatchObject({
      kid: newKey.kid,
    });
    const serviceDuring = createTokenVerifier({ jwks: during.jwks });
    expect((await serviceDuring(oldToken)).user).toEqual(USER);
    expect((await serviceDuring(newToken)).user).toEqual(USER);

    // Overlap over: the old key is gone from the portal and from what the services trust.
    const after = createTokenSigner({ keys: [newKey] });
    const serviceAfter = createTokenVerifier({ jwks: after.jwks });
    expect(await refused(serviceAfter, oldToken)).toBe(true);
    expect(await refused(after.verify, oldToken)).toBe(true);
    expect((await serviceAfter(newToken)).user).toEqual(USER);
  });

  it('a service on AUTH_JWKS_URL fetches the new key when it meets its kid, and forgets the old one', async () => {
    let published = publicJwks({ keys: [oldKey] });
    const app = express();
    let fetches = 0;
    app.get('/.well-known/jwks.json', (_req, res) => {
      fetches += 1;
      res.json(published);
    });
    const server: Server = await listen(app, 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const verify = createTokenVerifier({
        jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        refetchCooldownMs: 0,
      });
      const oldToken = await createTokenSigner({ keys: [oldKey] }).issue(USER);
      expect((await verify(oldToken)).user).toEqual(USER);
      expect(fetches).toBe(1);

      published = publicJwks({ keys: [newKey, oldKey] });
      const newToken = await createTokenSigner({ keys: [newKey, oldKey] }).issue(USER);
      expect((await verify(newToken)).user).toEqual(USER);
      expect(fetches).toBe(2);

      published = publicJwks({ keys: [newKey] });
      // A token naming a kid it does not know makes it fetch again; the old kid is then unknown.
      await refused(verify, await createTokenSigner({ keys: [generateSigningKey()] }).issue(USER));
      expect(await refused(verify, oldToken)).toBe(true);
      expect((await verify(newToken)).user).toEqual(USER);
    } finally {
      await closeServer(server);
    }
  });
});

describe('key settings', () => {
  const schema = serviceEnvSchema;
  const base = {
    DATABASE_URL: 'postgresql://u:p@db/denpyo',
    PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
  };

  it('take public keys only: a private key in AUTH_JWKS is refused', () => {
    expect(
      parseConfig(schema, { ...base, AUTH_JWKS: JSON.stringify(TEST_JWKS) }).AUTH_JWKS,
    ).toEqual(TEST_JWKS);
    expect(() =>
      parseConfig(schema, { ...base, AUTH_JWKS: JSON.stringify(TEST_SIGNING_KEYS) }),
    ).toThrow(/AUTH_JWKS: .*public keys only/);
    expect(() =>
      parseConfig(schema, {
        ...base,
        AUTH_JWKS: JSON.stringify({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'a' }] }),
      }),
    ).toThrow(/AUTH_JWKS: /);
    expect(() => parseConfig(schema, { ...base, AUTH_JWKS: '{"keys":[]}' })).toThrow(/AUTH_JWKS:/);
  });

  it('give a service nothing that can sign: no secret or private key setting exists, and one passed is dropped', () => {
    const names = Object.keys(serviceEnvSchema.shape);
    expect(names.filter((name) => /SECRET|PRIVATE|SIGNING/.test(name))).toEqual([]);
    const env = parseConfig(schema, {
      ...base,
      AUTH_JWKS_URL: 'http://portal:3000/.well-known/jwks.json',
      JWT_SECRET: 'x'.repeat(32),
      AUTH_SIGNING_KEYS: JSON.stringify(TEST_SIGNING_KEYS),
    });
    expect(JSON.stringify(env)).not.toContain(TEST_SIGNING_KEYS.keys[0]!.d);
    expect(env).not.toHaveProperty('JWT_SECRET');
    expect(env).not.toHaveProperty('AUTH_SIGNING_KEYS');
  });

  it('need AUTH_JWKS_URL or AUTH_JWKS in a process that verifies with public keys', () => {
    const withKeys = serviceEnvSchema.superRefine(requirePublicKeys);
    expect(() => parseConfig(withKeys, base)).toThrow(
      /AUTH_JWKS_URL: is not set \(nor AUTH_JWKS\)/,
    );
    expect(
      parseConfig(withKeys, { ...base, AUTH_JWKS_URL: 'https://portal/.well-known/jwks.json' })
        .AUTH_JWKS_URL,
    ).toBe('https://portal/.well-known/jwks.json');
    expect(() => parseConfig(withKeys, { ...base, AUTH_JWKS_URL: 'file:///etc/keys' })).toThrow(
      /AUTH_JWKS_URL: expected an http/,
    );
  });

  it('sign with Ed25519 or P-256 keys with a kid, each kid once', () => {
    expect(PrivateJwkSetSchema.safeParse(TEST_SIGNING_KEYS).success).toBe(true);
    const key = generateSigningKey();
    expect(PrivateJwkSetSchema.safeParse({ keys: [key, key] }).success).toBe(false);
    expect(PrivateJwkSetSchema.safeParse({ keys: [{ ...key, kid: undefined }] }).success).toBe(
      false,
    );
    expect(PrivateJwkSetSchema.safeParse({ keys: [{ ...key, d: undefined }] }).success).toBe(false);
  });
});

function importKey(key: PrivateJwk) {
  return importJWK(key, key.alg);
}
