// The yardstick: pgbench running the three inserts an invoice needs (the invoice row, its outbox
// row, an idempotency key) in one transaction, against the same PostgreSQL as Denpyo and in the
// same run, so Denpyo's figures read as a share of what the database itself allows here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const SCHEMA = 'bench_pgbench';

const TRANSACTION = `
BEGIN;
INSERT INTO ${SCHEMA}.invoices (id, contract_id, invoice_number, total, body)
  VALUES (gen_random_uuid(), gen_random_uuid(), 'B-' || random(), 112160, repeat('x', 600));
INSERT INTO ${SCHEMA}.outbox (event_id, topic, key, envelope)
  VALUES (gen_random_uuid(), 'invoice.events', gen_random_uuid()::text, '{"type":"InvoiceReceived"}');
INSERT INTO ${SCHEMA}.idempotency_keys (actor, key, fingerprint)
  VALUES ('procurement', gen_random_uuid()::text, repeat('f', 64));
COMMIT;
`;

/** Transactions per second of pgbench, `clients` at once for `seconds` (`-j` as many as cores). */
export async function pgbenchTps(databaseUrl, { clients = 16, seconds = 10, threads = 2 } = {}) {
  const { Client } = require('pg');
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const dir = mkdtempSync(join(tmpdir(), 'denpyo-pgbench-'));
  try {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};
      CREATE TABLE ${SCHEMA}.invoices (id uuid PRIMARY KEY, contract_id uuid NOT NULL,
        invoice_number text NOT NULL, total bigint NOT NULL, body text NOT NULL);
      CREATE TABLE ${SCHEMA}.outbox (seq bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL, key text NOT NULL, envelope jsonb NOT NULL);
      CREATE TABLE ${SCHEMA}.idempotency_keys (actor text NOT NULL, key text NOT NULL,
        fingerprint text NOT NULL, PRIMARY KEY (actor, key));`);
    const script = join(dir, 'invoice.sql');
    writeFileSync(script, TRANSACTION);
    const output = execFileSync(
      process.env.PGBENCH ?? 'pgbench',
      [
        '-n',
        '-f',
        script,
        '-c',
        String(clients),
        '-j',
        String(threads),
        '-T',
        String(seconds),
        databaseUrl,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const tps = /tps = ([\d.]+)/.exec(output);
    const latency = /latency average = ([\d.]+) ms/.exec(output);
    if (!tps) throw new Error(`pgbench printed no tps:\n${output}`);
    return { tps: Number(tps[1]), latencyAverageMs: latency ? Number(latency[1]) : undefined };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
