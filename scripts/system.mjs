// Runs the four services as separate processes (as in production) on one machine: used by
// `npm start` and `npm run bench`. PostgreSQL is embedded unless a databaseUrl is given.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUpDatabase } from './db-setup.mjs';
import { generateSigningKey, PrivateJwkSetSchema, publicJwks } from '@denpyo/platform/signing-keys';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each service process's heap sized for its job (README, Performance), the same settings as the
 * Docker image's: a small young generation and a capped old one, two malloc arenas. Flags in the
 * caller's NODE_OPTIONS come after, so they win.
 */
const SERVICE_PROCESS_ENV = JSON.parse(
  readFileSync(join(root, 'infra', 'service-process-env.json'), 'utf8'),
);

/** Instances of a service on one machine: each its own process, pool and PDF workers. */
const MAX_INSTANCES = 4;
/** The ports of a service's instances: its own, then 10 above for each further instance. */
const INSTANCE_PORT_STEP = 10;

/**
 * @param {{ dataDir: string, databaseUrl?: string, kafkaBrokers?: string, portalPort?: number,
 *           servicePorts?: {contract: number, invoice: number, payment: number}, embeddedPgPort?: number,
 *           demoMode?: boolean, today?: string, logLevel?: string, log?: (m: string) => void,
 *           onExit?: (name: string) => void, nodeArgs?: string[], instances?: number }} options
 *   `today` pins the system's date (DENPYO_TODAY) for every process; without it each process
 *   gets DENPYO_TODAY from this environment, if set (the services accept it only in demo mode).
 *   `nodeArgs` go to every service's node (the bench's --cpu-prof, for one).
 *   `instances` (default 1) runs that many processes of each of contract, invoice and payment,
 *   the n-th (from 0) on its service's port + 10·n (3001, 3011, …), named `payment`,
 *   `payment-2`, …; the portal balances across them (CONTRACT_URL etc. list them all), their
 *   consumer groups share the topics' partitions, their periodic tasks run in one at a time.
 */
export async function startSystem(options) {
  const log = options.log ?? (() => undefined);
  const ports = options.servicePorts ?? { contract: 3001, invoice: 3002, payment: 3003 };
  const portalPort = options.portalPort ?? 3000;
  const instances = options.instances ?? 1;
  if (!Number.isInteger(instances) || instances < 1 || instances > MAX_INSTANCES) {
    throw new Error(
      `instances (DENPYO_INSTANCES) must be a whole number from 1 to ${MAX_INSTANCES}, not ${instances}`,
    );
  }
  mkdirSync(options.dataDir, { recursive: true });

  let postgres;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    const port = options.embeddedPgPort ?? 5433;
    const dataDir = join(options.dataDir, 'postgres');
    postgres = await startEmbeddedPostgresProcess(dataDir, port, 'denpyo');
    databaseUrl = postgres.url;
    log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
  }
  // Least privilege (db-setup.mjs): the migrations run as the owner role, each service on a
  // login role of its own; the administrator's databaseUrl stays with this script.
  let database;
  try {
    database = await setUpDatabase(databaseUrl, options.dataDir, {
      eventLogSchema: options.kafkaBrokers ? undefined : 'eventlog',
    });
  } catch (error) {
    await postgres?.stop();
    throw new Error(`Setting up the database failed: ${error.message}`);
  }

  // The portal's signing key, made once per installation and kept with the data so sessions
  // survive a restart (AUTH_SIGNING_KEYS or AUTH_SIGNING_KEYS_FILE give another). Only the
  // portal gets it; the services get its public part (AUTH_JWKS) and can verify, never sign.
  const keys = signingKeys(options.dataDir);
  const publicKeys = JSON.stringify(publicJwks(keys.value));

  const upstream = (port) => `http://127.0.0.1:${port}`;
  // Each service's processes, and where the portal finds them all.
  const services = ['contract', 'invoice', 'payment'].flatMap((service) =>
    Array.from({ length: instances }, (_, n) => ({
      name: n === 0 ? service : `${service}-${n + 1}`,
      service,
      port: ports[service] + INSTANCE_PORT_STEP * n,
    })),
  );
  const urlsOf = (service) =>
    services
      .filter((s) => s.service === service)
      .map((s) => upstream(s.port))
      .join(',');
  let stopping = false;
  // Children killed on purpose (the fault harness): their exit is not a failure of the system.
  const expectedExits = new WeakSet();
  const launch = (entry) => {
    const script = join(root, 'services', entry.service, 'dist', 'main.js');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
      env: entry.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', () => {
      if (!stopping && !expectedExits.has(child)) options.onExit?.(entry.name);
    });
    entry.child = child;
  };
  const processes = [...services, { name: 'portal', service: 'portal', port: portalPort }].map(
    ({ name, service, port }) => {
      const env = {
        ...process.env,
        ...SERVICE_PROCESS_ENV,
        NODE_OPTIONS: [SERVICE_PROCESS_ENV.NODE_OPTIONS, process.env.NODE_OPTIONS]
          .filter(Boolean)
          .join(' '),
        DATABASE_URL: database.services[service].url,
        PORT: String(port),
        DEMO_MODE: options.demoMode === false ? '0' : '1',
        CONTRACT_URL: urlsOf('contract'),
        INVOICE_URL: urlsOf('invoice'),
        PAYMENT_URL: urlsOf('payment'),
        // Printed in every voucher's QR code: where this system's portal is reached.
        PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${portalPort}`,
        LOG_LEVEL: options.logLevel ?? 'info',
      };
      delete env.JWT_SECRET; // the shared secret of old: nothing reads it, nothing should hold it
      delete env.AUTH_SIGNING_KEYS;
      delete env.AUTH_SIGNING_KEYS_FILE;
      if (service === 'portal')
        Object.assign(env, keys.env, { AUDIT_ANCHOR_URL: database.anchor.url });
      else env.AUTH_JWKS = publicKeys;
      if (options.today) env.DENPYO_TODAY = options.today;
      if (options.kafkaBrokers) env.KAFKA_BROKERS = options.kafkaBrokers;
      else delete env.KAFKA_BROKERS;
      const entry = { name, service, port, env, child: undefined };
      launch(entry);
      return entry;
    },
  );

  /**
   * Process control for the fault harness (scripts/chaos.mjs): `restart` kills one service with
   * SIGKILL (unless it has exited already), without that exit counting as a failure, and starts
   * it again with the same environment; `restartPostgres` stops the embedded PostgreSQL and
   * starts it again on the same data and port.
   */
  const restart = async (name) => {
    const entry = processes.find((p) => p.name === name);
    if (!entry) throw new Error(`no process named ${name}`);
    const { child } = entry;
    if (child.exitCode === null && child.signalCode === null) {
      expectedExits.add(child);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    launch(entry);
  };
  const restartPostgres = async ({ downMs = 0 } = {}) => {
    if (!postgres) throw new Error('PostgreSQL is not embedded here: nothing to restart');
    await postgres.stop();
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    postgres = await postgres.again();
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      processes.map(({ child }) =>
        child.exitCode !== null || child.signalCode !== null
          ? undefined
          : new Promise((resolve) => {
              child.once('exit', resolve);
              child.kill('SIGTERM');
            }),
      ),
    );
    await postgres?.stop();
  };

  const portalUrl = upstream(portalPort);
  // Ready when every process says so (the portal checks its database and the three services,
  // ready once one instance of each is; the others are asked themselves).
  const deadline = Date.now() + 60_000;
  const isReady = (port) =>
    fetch(`${upstream(port)}/ready`).then(
      (r) => r.ok,
      () => false,
    );
  while (!(await Promise.all(processes.map((p) => isReady(p.port)))).every(Boolean)) {
    if (Date.now() > deadline) {
      await stop();
      throw new Error('Denpyo was not ready within 60 s; see the logs above');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    portalUrl,
    processes,
    databaseUrl,
    stop,
    restart,
    restartPostgres,
    /** The embedded PostgreSQL's runner process (its server is a child of it), if embedded. */
    postgresPid: () => postgres?.pid,
  };
}

/**
 * The portal's signing keys: AUTH_SIGNING_KEYS, else the file AUTH_SIGNING_KEYS_FILE names, else
 * `auth-signing-keys.json` in the data directory, made with one new Ed25519 key on first start
 * (readable by this OS user only). Replaces the shared `jwt-secret` of earlier versions.
 */
function signingKeys(dataDir) {
  if (process.env.AUTH_SIGNING_KEYS) {
    return {
      value: PrivateJwkSetSchema.parse(JSON.parse(process.env.AUTH_SIGNING_KEYS)),
      env: { AUTH_SIGNING_KEYS: process.env.AUTH_SIGNING_KEYS },
    };
  }
  const file = process.env.AUTH_SIGNING_KEYS_FILE ?? join(dataDir, 'auth-signing-keys.json');
  if (!existsSync(file)) {
    writeFileSync(file, `${JSON.stringify({ keys: [generateSigningKey()] }, null, 2)}\n`, {
      mode: 0o600,
    });
  }
  // A secret that signs nothing any more is better gone than lying around.
  rmSync(join(dataDir, 'jwt-secret'), { force: true });
  return {
    value: PrivateJwkSetSchema.parse(JSON.parse(readFileSync(file, 'utf8'))),
    env: { AUTH_SIGNING_KEYS_FILE: file },
  };
}

/** See embedded-postgres.mjs for why PostgreSQL runs in a detached process of its own. */
async function startEmbeddedPostgresProcess(dataDir, port, database) {
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'embedded-postgres.mjs'), dataDir, String(port), database],
    { detached: true, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const firstLine = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited (${code})`)));
  });
  return {
    url: JSON.parse(firstLine).url,
    pid: child.pid,
    again: () => startEmbeddedPostgresProcess(dataDir, port, database),
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
