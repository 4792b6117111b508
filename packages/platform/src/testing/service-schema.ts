import { join } from 'node:path';
import { migrate, PLATFORM_MIGRATIONS } from '../db/migrator';
import { createPool, pgExecutor } from '../db/pool';
import { uniqueSchema } from './names';
import { diffDatabaseAgainstPrismaSchema, PLATFORM_TABLES } from './prisma-schema-check';

/**
 * Migrates a fresh schema with a service's SQL migrations (after the platform's) and returns
 * how it differs from the service's `prisma/schema.prisma`; [] means they agree.
 */
export async function diffMigratedServiceSchema(serviceDir: string): Promise<string[]> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: use the platform jest globalSetup');
  const schema = uniqueSchema('schema_check');
  const pool = createPool(url, schema);
  try {
    await migrate(pool, schema, [
      PLATFORM_MIGRATIONS,
      { stream: 'service', dir: join(serviceDir, 'prisma', 'migrations') },
    ]);
    return await diffDatabaseAgainstPrismaSchema(
      pgExecutor(pool),
      schema,
      join(serviceDir, 'prisma', 'schema.prisma'),
      PLATFORM_TABLES,
    );
  } finally {
    await pool.end();
  }
}
