import { join } from 'node:path';
import { pgExecutor, startService, type RunningService } from '@denpyo/platform';
import {
  diffDatabaseAgainstPrismaSchema,
  PLATFORM_TABLES,
  testServiceEnv,
} from '@denpyo/platform/testing';
import { invoiceService } from '../src/service';

let service: RunningService;

beforeAll(async () => {
  service = await startService(invoiceService, testServiceEnv('invoice'));
});

afterAll(() => service.stop());

it('migrates to exactly what schema.prisma describes', async () => {
  const differences = await diffDatabaseAgainstPrismaSchema(
    pgExecutor(service.runtime.pool),
    service.runtime.schema,
    join(__dirname, '../prisma/schema.prisma'),
    PLATFORM_TABLES,
  );
  expect(differences).toEqual([]);
});
