import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { migrate, PLATFORM_MIGRATIONS } from '../db/migrator';
import { createPool } from '../db/pool';
import { uniqueSchema } from './names';

/**
 * A copy of the migrations of `dir` that come before `migration`: a database as it was before
 * that migration, to test that the migration carries existing data over. Remove it when done.
 */
export function earlierMigrations(dir: string, migration: string): { dir: string; remove(): void } {
  const copy = mkdtempSync(join(tmpdir(), 'earlier-migrations-'));
  for (const name of readdirSync(dir).filter((name) => name < migration)) {
    cpSync(join(dir, name), join(copy, name), { recursive: true });
  }
  return { dir: copy, remove: () => rmSync(copy, { recursive: true, force: true }) };
}

/**
 * A fresh schema migrated up to just before a service's `migration`, filled by `seed`, then
 * migrated to the end: the pool to check what the migration made of the data (end it after).
 */
export async function upgradeAcross(
  migrationsDir: string,
  migration: string,
  seed: (pool: Pool) => Promise<unknown>,
): Promise<{ pool: Pool; schema: string }> {
  const schema = uniqueSchema('upgrade');
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
  const earlier = earlierMigrations(migrationsDir, migration);
  try {
    await migrate(pool, schema, [PLATFORM_MIGRATIONS, { stream: 'service', dir: earlier.dir }]);
    await seed(pool);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS, { stream: 'service', dir: migrationsDir }]);
    return { pool, schema };
  } catch (error) {
    await pool.end();
    throw error;
  } finally {
    earlier.remove();
  }
}
