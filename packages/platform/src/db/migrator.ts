import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { assertIdentifier } from './pool';

/**
 * Applies SQL migrations kept in Prisma's layout (`<dir>/<timestamp>_<name>/migration.sql`).
 * Why our own: `prisma migrate` needs a native schema engine that cannot be downloaded on our
 * air-gapped machines. One transaction per file, a session advisory lock so concurrent
 * starters wait for each other, and a checksum per file so an edited migration is refused.
 */
export interface MigrationSource {
  /** Distinguishes migration sets applied to one schema, e.g. `platform` and `service`. */
  stream: string;
  dir: string;
}

export interface AppliedMigration {
  stream: string;
  name: string;
}

export function readMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(
  pool: Pool,
  schema: string,
  sources: MigrationSource[],
): Promise<AppliedMigration[]> {
  assertIdentifier(schema);
  // A service running as its own role (db/roles.ts) may not create anything: when the owner has
  // applied every migration already, it only checks that and goes on.
  if (await allApplied(pool, schema, sources)) return [];
  const client = await pool.connect();
  const applied: AppliedMigration[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`denpyo-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`).catch((error: unknown) => {
      if ((error as { code?: string }).code !== '42501') throw error;
      throw new Error(
        `Migrations of ${schema} are pending and this role may not apply them: run the database set-up (scripts/db-setup.mjs, npm start does) first`,
      );
    });
    await client.query(`SET search_path TO ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      stream text NOT NULL,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (stream, name))`);
    const done = await client.query<{ stream: string; name: string; checksum: string }>(
      'SELECT stream, name, checksum FROM schema_migrations',
    );
    const known = new Map(done.rows.map((row) => [`${row.stream}/${row.name}`, row.checksum]));
    for (const source of sources) {
      for (const migration of readMigrations(source.dir)) {
        const recorded = known.get(`${source.stream}/${migration.name}`);
        if (recorded === migration.checksum) continue;
        if (recorded !== undefined) {
          throw new Error(
            `Migration ${source.stream}/${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (stream, name, checksum) VALUES ($1, $2, $3)',
            [source.stream, migration.name, migration.checksum],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(
            `Migration ${source.stream}/${migration.name} failed: ${(error as Error).message}`,
          );
        }
        applied.push({ stream: source.stream, name: migration.name });
      }
    }
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`denpyo-migrate:${schema}`])
      .catch(() => undefined);
    await client.query('RESET search_path').catch(() => undefined);
    client.release();
  }
  return applied;
}

/**
 * True when `schema` records every migration of `sources` with its checksum; false when any is
 * missing (a changed one is reported by `migrate` itself). Needs only SELECT on schema_migrations.
 */
async function allApplied(
  pool: Pool,
  schema: string,
  sources: MigrationSource[],
): Promise<boolean> {
  const found = await pool.query<{ table: string | null }>(
    `SELECT c.oid::regclass::text AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = 'schema_migrations' AND has_schema_privilege(n.oid, 'USAGE')`,
    [schema],
  );
  if (found.rowCount === 0) return false;
  const done = await pool.query<{ stream: string; name: string; checksum: string }>(
    `SELECT stream, name, checksum FROM ${schema}.schema_migrations`,
  );
  const known = new Map(done.rows.map((row) => [`${row.stream}/${row.name}`, row.checksum]));
  return sources.every((source) =>
    readMigrations(source.dir).every(
      (migration) => known.get(`${source.stream}/${migration.name}`) === migration.checksum,
    ),
  );
}

/** The platform's own tables (outbox, inbox, idempotency keys, audit trail) live in every service schema. */
export const PLATFORM_MIGRATIONS: MigrationSource = {
  stream: 'platform',
  dir: join(__dirname, '..', '..', 'migrations'),
};
