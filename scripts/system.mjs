// Runs the four services as separate processes (as in production) on one machine: used by
// `npm start` and `npm run bench`. PostgreSQL is embedded unless a databaseUrl is given.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ dataDir: string, databaseUrl?: string, kafkaBrokers?: string, portalPort?: number,
 *           servicePorts?: {contract: number, invoice: number, payment: number}, embeddedPgPort?: number,
 *           demoMode?: boolean, today?: string, logLevel?: string, log?: (m: string) => void,
 *           onExit?: (name: string) => void }} options
 *   `today` pins the system's date (DENPYO_TODAY) for every process; without it each process
 *   gets DENPYO_TODAY from this environment, if set (the services accept it only in demo mode).
 */
export async function startSystem(options) {
  const log = options.log ?? (() => undefined);
  const ports = options.servicePorts ?? { contract: 3001, invoice: 3002, payment: 3003 };
  const portalPort = options.portalPort ?? 3000;
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

  // One signing secret per installation, kept with the data so tokens survive a restart.
  const secretFile = join(options.dataDir, 'jwt-secret');
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const jwtSecret = process.env.JWT_SECRET ?? readFileSync(secretFile, 'utf8').trim();

  const upstream = (port) => `http://127.0.0.1:${port}`;
  const processes = [
    ['contract', ports.contract],
    ['invoice', ports.invoice],
    ['payment', ports.payment],
    ['portal', portalPort],
  ].map(([name, port]) => {
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: jwtSecret,
      DEMO_MODE: options.demoMode === false ? '0' : '1',
      CONTRACT_URL: upstream(ports.contract),
      INVOICE_URL: upstream(ports.invoice),
      PAYMENT_URL: upstream(ports.payment),
      LOG_LEVEL: options.logLevel ?? 'info',
    };
    if (options.today) env.DENPYO_TODAY = options.today;
    if (options.kafkaBrokers) env.KAFKA_BROKERS = options.kafkaBrokers;
    else delete env.KAFKA_BROKERS;
    const child = spawn(process.execPath, [join(root, 'services', name, 'dist', 'main.js')], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', () => {
      if (!stopping) options.onExit?.(name);
    });
    return { name, port, child };
  });

  let stopping = false;
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
  // Ready when the portal says so (it checks its database and the three services).
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${portalUrl}/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) {
      await stop();
      throw new Error('Denpyo was not ready within 60 s; see the logs above');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { portalUrl, processes, databaseUrl, stop };
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
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
