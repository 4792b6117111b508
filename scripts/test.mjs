#!/usr/bin/env node
// `npm test`: lint, typecheck and every test of the monorepo, with a real Kafka broker for the
// Kafka adapter and the Kafka end-to-end flow. The broker is KAFKA_BROKERS when set; otherwise
// this script starts the local one (infra/kafka) and stops it afterwards. Without Java the Kafka
// tests say so and skip, unless REQUIRE_KAFKA=1 (CI), which makes them fail instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kafkaDown, kafkaUp } from '../infra/kafka/kafka.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const totalsDir = join(root, '.data', 'test-totals');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DENPYO_TEST_TOTALS_DIR: totalsDir };
let startedKafka = false;

if (process.env.KAFKA_BROKERS) {
  env.KAFKA_TEST_BROKERS = process.env.KAFKA_BROKERS;
} else {
  try {
    const broker = await kafkaUp({});
    startedKafka = broker.started;
    env.KAFKA_TEST_BROKERS = broker.bootstrap;
    // The SCRAM (SASL_PLAINTEXT) and SCRAM-over-TLS listeners, for the Kafka security tests.
    if (broker.saslBootstrap) {
      env.KAFKA_TEST_SASL_BROKERS = broker.saslBootstrap;
      env.KAFKA_TEST_SSL_BROKERS = broker.sslBootstrap;
      env.KAFKA_TEST_SSL_CA_FILE = broker.caFile;
      env.KAFKA_TEST_SCRAM_FILE = broker.credentialsFile;
    }
    // Only a broker this run owns may be stopped and restarted by the resilience test.
    if (startedKafka) env.KAFKA_TEST_CONTROL = '1';
  } catch (error) {
    const message = `Kafka could not be started (${error.message}); Kafka tests will ${process.env.REQUIRE_KAFKA === '1' ? 'FAIL' : 'be skipped'}.`;
    process.stderr.write(`${message}\n`);
  }
}

rmSync(totalsDir, { recursive: true, force: true });
// The root's own scripts and the formatting of the whole tree; the workspaces lint themselves.
const rootChecks = [
  ['eslint', 'scripts', 'infra', 'eslint.config.mjs', 'jest.preset.js'],
  ['prettier', '--check', '--log-level=warn', '.'],
].map(
  (args) =>
    spawnSync('npx', ['--no-install', ...args], { cwd: root, env, stdio: 'inherit' }).status,
);
const turbo = spawnSync(
  'npx',
  [
    '--no-install',
    'turbo',
    'run',
    'lint',
    'typecheck',
    'test',
    '--concurrency=2',
    '--continue',
    '--output-logs=full',
    '--log-order=grouped',
  ],
  { cwd: root, env, stdio: 'inherit' },
);
if (startedKafka) await kafkaDown({}).catch((error) => process.stderr.write(`${error.message}\n`));

const totals = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(totalsDir)) {
  for (const file of readdirSync(totalsDir)) {
    const counts = JSON.parse(readFileSync(join(totalsDir, file), 'utf8'));
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
}
// A check that failed outside jest (lint, typecheck, formatting) counts as one failure.
const checksFailed = turbo.status !== 0 || rootChecks.some((status) => status !== 0);
const failed = checksFailed && totals.failed === 0 ? 1 : totals.failed;
process.stdout.write(`\n${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped\n`);
process.exit(!checksFailed && totals.failed === 0 ? 0 : 1);
