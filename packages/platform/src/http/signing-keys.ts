import { createHash, generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';

// The keys of access tokens. The portal alone holds private keys (it signs); every other process
// holds public keys only (it verifies), so a compromised service cannot mint a token. Keys are
// JSON Web Keys (RFC 7517) with a `kid`, so two can be published while one replaces the other.

/** The only algorithms a token may be signed with: never `none`, never a shared-secret HS*. */
export const TOKEN_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type TokenAlgorithm = (typeof TOKEN_ALGORITHMS)[number];

/** A public key as the JWKS publishes it. */
export type PublicJwk =
  | { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' }
  | { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };
/** A private signing key: its public part and `d`. */
export type PrivateJwk = PublicJwk & { d: string };
export interface PublicJwkSet {
  keys: PublicJwk[];
}
export interface PrivateJwkSet {
  keys: PrivateJwk[];
}

// Members that only a private (or symmetric) key has.
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url');
const kid = z.string().min(1).max(128);
const use = z.literal('sig').optional();

const ed25519 = z.looseObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: base64url,
  kid,
  alg: z.literal('EdDSA').optional(),
  use,
});
const p256 = z.looseObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: base64url,
  y: base64url,
  kid,
  alg: z.literal('ES256').optional(),
  use,
});
const anyKey = z.discriminatedUnion('kty', [ed25519, p256], {
  error: 'expected an Ed25519 (kty OKP) or P-256 (kty EC) key with a kid',
});

/** The public part of a key, with its `alg` and `use` stated. */
function publicPart(key: z.infer<typeof anyKey>): PublicJwk {
  return key.kty === 'OKP'
    ? { kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, alg: 'EdDSA', use: 'sig' }
    : { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid: key.kid, alg: 'ES256', use: 'sig' };
}

const PublicJwkSchema = anyKey
  .refine((key) => SECRET_MEMBERS.every((member) => !(member in key)), {
    message: 'must hold public keys only (a private key member such as "d" is present)',
  })
  .transform(publicPart);

const PrivateJwkSchema = anyKey
  .and(z.looseObject({ d: base64url }))
  .transform((key): PrivateJwk => ({ ...publicPart(key), d: key.d }));

function keySet<T extends z.ZodType<{ kid: string }>>(key: T) {
  return z
    .object({ keys: z.array(key).min(1, 'must hold at least one key') })
    .refine((set) => new Set(set.keys.map((k) => k.kid)).size === set.keys.length, {
      message: 'each key needs its own kid',
    });
}

/** A JWK Set of public keys (AUTH_JWKS): a private key in it is refused. */
export const PublicJwkSetSchema: z.ZodType<PublicJwkSet, unknown> = keySet(PublicJwkSchema);

/**
 * The portal's signing keys (AUTH_SIGNING_KEYS): a JWK Set of private Ed25519 or P-256 keys. The
 * first key signs; every key is published, so tokens of the others still verify.
 */
export const PrivateJwkSetSchema: z.ZodType<PrivateJwkSet, unknown> = keySet(PrivateJwkSchema);

/** The JWKS the portal publishes for a set of signing keys: their public parts only. */
export function publicJwks(signingKeys: PrivateJwkSet): PublicJwkSet {
  return { keys: signingKeys.keys.map((key) => publicPart(key)) };
}

/**
 * A new Ed25519 signing key, its kid the key's RFC 7638 thumbprint (so a kid names one key and
 * no two installations pick the same one by accident).
 */
export function generateSigningKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x: jwk.x });
  const thumbprint = createHash('sha256').update(canonical).digest('base64url');
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x: jwk.x,
    d: jwk.d,
    kid: thumbprint,
    alg: 'EdDSA',
    use: 'sig',
  };
}
