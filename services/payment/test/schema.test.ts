import { join } from 'node:path';
import { migrate, PLATFORM_MIGRATIONS, createPool, pgExecutor } from '@denpyo/platform';
import {
  diffDatabaseAgainstPrismaSchema,
  PLATFORM_TABLES,
  uniqueSchema,
} from '@denpyo/platform/testing';

test('the migrated schema is what schema.prisma describes', async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = uniqueSchema('payment_schema');
  const pool = createPool(url, schema);
  try {
    await migrate(pool, schema, [
      PLATFORM_MIGRATIONS,
      { stream: 'service', dir: join(__dirname, '..', 'prisma', 'migrations') },
    ]);
    const problems = await diffDatabaseAgainstPrismaSchema(
      pgExecutor(pool),
      schema,
      join(__dirname, '..', 'prisma', 'schema.prisma'),
      PLATFORM_TABLES,
    );
    expect(problems).toEqual([]);
  } finally {
    await pool.end();
  }
});
