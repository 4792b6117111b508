import { join } from 'node:path';
import { pgExecutor, type RunningService } from '@denpyo/platform';
import { diffDatabaseAgainstPrismaSchema, PLATFORM_TABLES } from '@denpyo/platform/testing';
import { startContractService } from './support';

describe('migrations', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startContractService();
  });
  afterAll(() => service.stop());

  it('create exactly what schema.prisma describes', async () => {
    const problems = await diffDatabaseAgainstPrismaSchema(
      pgExecutor(service.runtime.pool),
      service.runtime.schema,
      join(__dirname, '../prisma/schema.prisma'),
      PLATFORM_TABLES,
    );
    expect(problems).toEqual([]);
  });
});
