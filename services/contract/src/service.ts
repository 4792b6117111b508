import { join } from 'node:path';
import type { ServiceDefinition } from '@denpyo/platform';
import { createPrisma } from './db/prisma';
import { contractConsumer } from './events/consumers';
import { mountContractApi } from './http/router';

/** Vendors, budgets, contracts, approval routes and commitment (支出負担行為). */
export const contractService: ServiceDefinition = {
  name: 'contract',
  defaultPort: 3001,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  setup(runtime) {
    const prisma = createPrisma(runtime);
    return {
      mount: (app) => mountContractApi(app, { prisma, runtime }),
      consumers: [contractConsumer(prisma)],
      close: () => prisma.$disconnect(),
    };
  },
};
