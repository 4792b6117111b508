import { join } from 'node:path';
import { createPool, migrate, pgExecutor, PLATFORM_MIGRATIONS } from '@denpyo/platform';
import {
  diffDatabaseAgainstPrismaSchema,
  PLATFORM_TABLES,
  uniqueSchema,
} from '@denpyo/platform/testing';

// The SQL migration is hand-written, so this proves it builds exactly what schema.prisma describes.
describe('database schema', () => {
  const schema = uniqueSchema('portal_schema');
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
  afterAll(() => pool.end());

  it('matches prisma/schema.prisma after migrating a fresh schema', async () => {
    await migrate(pool, schema, [
      PLATFORM_MIGRATIONS,
      { stream: 'service', dir: join(__dirname, '..', 'prisma', 'migrations') },
    ]);
    const differences = await diffDatabaseAgainstPrismaSchema(
      pgExecutor(pool),
      schema,
      join(__dirname, '..', 'prisma', 'schema.prisma'),
      PLATFORM_TABLES,
    );
    expect(differences).toEqual([]);
  });
});
