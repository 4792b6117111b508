import { createHash } from 'node:crypto';
import stableStringify from 'json-stable-stringify';

/**
 * SHA-256 (hex) of the canonical JSON of the data a voucher was printed from. Keys are sorted
 * at every level, so anyone holding the same data can recompute the hash printed on the voucher
 * regardless of key order.
 */
export function verificationHash(data: unknown): string {
  const json = stableStringify(data);
  if (json === undefined) throw new TypeError('cannot hash a value that has no JSON form');
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
