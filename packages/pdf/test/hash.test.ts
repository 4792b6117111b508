import fc from 'fast-check';
import { verificationHash } from '../src';

/** The same value with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reverseKeys(inner)]),
    );
  }
  return value;
}

describe('verificationHash', () => {
  it('is the sha256 hex of the sorted-key JSON', () => {
    // sha256 of '{"a":[1,"円"],"b":{"c":null,"d":true}}', computed independently with sha256sum.
    expect(verificationHash({ b: { d: true, c: null }, a: [1, '円'] })).toBe(
      '915c42d7d652ab5cfe600b812c92c335e603ddad0c98a9759336ca9b119e31e5',
    );
  });

  it('does not depend on the order keys were inserted in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(verificationHash(reverseKeys(value))).toBe(verificationHash(value));
      }),
    );
  });

  it('differs when any value differs', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), fc.string(), (record, key) => {
        const changed = { ...record, [key]: (record[key] ?? 0) + 1 };
        expect(verificationHash(changed)).not.toBe(verificationHash(record));
      }),
    );
  });

  it('rejects values that have no JSON form', () => {
    expect(() => verificationHash(undefined)).toThrow(TypeError);
  });
});
