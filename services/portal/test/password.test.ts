import fc from 'fast-check';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../src/domain/password';

// Cheap parameters keep the property tests fast; the format and comparison are the same.
const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with the default cost and a 16-byte salt', async () => {
    const stored = await hashPassword('correct horse');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    expect([scheme, Number(n), Number(r), Number(p)]).toEqual([
      'scrypt',
      DEFAULT_SCRYPT_PARAMS.N,
      DEFAULT_SCRYPT_PARAMS.r,
      DEFAULT_SCRYPT_PARAMS.p,
    ]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    expect(stored).not.toContain('correct horse');
  });

  it('hashes at OWASP cost by default: N = 2^17, r = 8, p = 1', () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it('still verifies a hash of the old cost (N = 2^14), and says it needs hashing again', async () => {
    const old = await hashPassword('demo', { N: 16384, r: 8, p: 1 });
    expect(await verifyPassword('demo', old)).toBe(true);
    expect(needsRehash(old, DEFAULT_SCRYPT_PARAMS)).toBe(true);
    expect(needsRehash(old, { N: 16384, r: 8, p: 1 })).toBe(false);
    expect(needsRehash('not a hash', DEFAULT_SCRYPT_PARAMS)).toBe(true);
  });

  it('accepts the password it hashed and rejects any other', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), async (a, b) => {
        const stored = await hashPassword(a, FAST);
        expect(await verifyPassword(a, stored)).toBe(true);
        if (a.normalize('NFC') !== b.normalize('NFC'))
          expect(await verifyPassword(b, stored)).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('salts every hash, so equal passwords get different hashes', async () => {
    const [first, second] = await Promise.all([
      hashPassword('demo', FAST),
      hashPassword('demo', FAST),
    ]);
    expect(first).not.toEqual(second);
  });

  it('reads the cost parameters from the stored hash', async () => {
    const stored = await hashPassword('demo', { N: 2048, r: 4, p: 2 });
    expect(stored.startsWith('scrypt$2048$4$2$')).toBe(true);
    expect(await verifyPassword('demo', stored)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['plaintext', 'demo'],
    ['other scheme', 'bcrypt$10$abc'],
    [
      'N not a power of two',
      'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    ],
    [
      'N too large',
      'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    ],
    ['hash too short', 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA'],
  ])('rejects a malformed stored hash (%s) instead of throwing', async (_name, stored) => {
    expect(await verifyPassword('demo', stored)).toBe(false);
  });
});
