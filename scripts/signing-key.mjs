#!/usr/bin/env node
// The portal's signing keys (AUTH_SIGNING_KEYS / AUTH_SIGNING_KEYS_FILE: a JWK Set of private
// keys; the first signs, all are published). Prints the new set on stdout; writes nothing.
//
//   node scripts/signing-key.mjs new             a set with one new Ed25519 key
//   node scripts/signing-key.mjs add FILE        FILE's set + a new key, last: published, not signing yet
//   node scripts/signing-key.mjs promote FILE    the last key moved first: it signs from the next start
//   node scripts/signing-key.mjs retire FILE     the first key only: the others are no longer accepted
//   node scripts/signing-key.mjs public FILE     the public JWKS (AUTH_JWKS of a service without network)
//
// Rotation without downtime: README "Security model". Needs `npm run build` (@denpyo/platform).
import { readFileSync } from 'node:fs';
import { generateSigningKey, PrivateJwkSetSchema, publicJwks } from '@denpyo/platform/signing-keys';

const [command, file] = process.argv.slice(2);
const read = () => {
  if (!file) throw new Error(`${command} needs the key file`);
  return PrivateJwkSetSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
};
const commands = {
  new: () => ({ keys: [generateSigningKey()] }),
  add: () => ({ keys: [...read().keys, generateSigningKey()] }),
  promote: () => {
    const { keys } = read();
    return { keys: [keys.at(-1), ...keys.slice(0, -1)] };
  },
  retire: () => ({ keys: [read().keys[0]] }),
  public: () => publicJwks(read()),
};
const run = commands[command];
if (!run) {
  process.stderr.write(
    'usage: signing-key.mjs new | add FILE | promote FILE | retire FILE | public FILE\n',
  );
  process.exit(2);
}
try {
  process.stdout.write(`${JSON.stringify(run(), null, 2)}\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
