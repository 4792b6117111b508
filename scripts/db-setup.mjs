#!/usr/bin/env node
// Sets up Denpyo's database with an administrator's connection (issue 8, least privilege): the
// owner role that migrations run as, one login role per process that can use only its own
// schema (and add to, never change, its audit trail), and the anchor role that records the
// audit chains' heads. See packages/platform/src/db/roles.ts. Idempotent: run before every start.
//
// `npm start` calls setUpDatabase (scripts/system.mjs) with the embedded PostgreSQL's superuser
// and keeps the generated passwords in the data dir. docker-compose.yml runs this file as its
// one-shot db-setup service:
//   DATABASE_ADMIN_URL   the administrator (the image's POSTGRES_USER)
//   PORTAL_DB_PASSWORD, CONTRACT_DB_PASSWORD, INVOICE_DB_PASSWORD, PAYMENT_DB_PASSWORD,
//   ANCHOR_DB_PASSWORD   the login roles' passwords (the services' DATABASE_URLs carry them)
//   EVENT_LOG_SCHEMA     set only when the PostgreSQL event log carries events (no Kafka)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = ['portal', 'contract', 'invoice', 'payment'];

/**
 * Provisions the roles and migrates every schema as the owner. `passwords` by role name
 * (missing ones are generated); returns each process's URL and every password.
 * @param {string} adminUrl
 * @param {{ passwords?: Record<string, string>, eventLogSchema?: string }} options
 */
async function provision(adminUrl, options = {}) {
  const { provisionDatabase, serviceMigrations } = require(
    join(root, 'packages', 'platform', 'dist', 'index.js'),
  );
  return provisionDatabase(adminUrl, {
    services: SERVICES.map((name) => ({
      name,
      schema: name,
      migrations: serviceMigrations(join(root, 'services', name, 'prisma', 'migrations')),
      usesEventLog: name !== 'portal',
    })),
    ...(options.eventLogSchema ? { eventLogSchema: options.eventLogSchema } : {}),
    ...(options.passwords ? { passwords: options.passwords } : {}),
  });
}

/**
 * `npm start`'s set-up: the passwords are generated once per installation and kept in
 * `<dataDir>/db-roles.json` (mode 0600), like the portal's signing key.
 */
export async function setUpDatabase(adminUrl, dataDir, { eventLogSchema } = {}) {
  const file = join(dataDir, 'db-roles.json');
  const kept = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const database = await provision(adminUrl, { passwords: kept, eventLogSchema });
  writeFileSync(file, `${JSON.stringify(database.passwords, null, 2)}\n`, { mode: 0o600 });
  return database;
}

// A function, not top-level await: the browser tests' jest setup require()s this module (through
// system.mjs), and Node 20 cannot require() a module with top-level await.
async function main() {
  const problems = [];
  const adminUrl = process.env.DATABASE_ADMIN_URL;
  if (!adminUrl) problems.push('  DATABASE_ADMIN_URL: is not set');
  const passwords = {};
  for (const name of [...SERVICES, 'anchor']) {
    const variable = `${name.toUpperCase()}_DB_PASSWORD`;
    const value = process.env[variable];
    if (!value) problems.push(`  ${variable}: is not set`);
    else if (!/^[A-Za-z0-9_-]{16,}$/.test(value))
      problems.push(`  ${variable}: use 16 or more letters, digits, - or _ (it goes in a URL)`);
    else passwords[`denpyo_${name}`] = value;
  }
  if (problems.length > 0) {
    process.stderr.write(`Invalid configuration:\n${problems.join('\n')}\n`);
    process.exit(1);
  }
  try {
    const database = await provision(adminUrl, {
      passwords,
      eventLogSchema: process.env.EVENT_LOG_SCHEMA || undefined,
    });
    process.stdout.write(
      `database set up: owner ${database.owner}; ${Object.values(database.services)
        .map((service) => `${service.role} on ${service.schema}`)
        .join(', ')}; ${database.anchor.role}\n`,
    );
  } catch (error) {
    process.stderr.write(`database set-up failed: ${error.message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
