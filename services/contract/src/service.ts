import { join } from 'node:path';
import { defineService } from '@denpyo/platform';
import { CONTRACT_OPERATIONS } from '@denpyo/schemas';
import { createContractApplication } from './application';
import type { Tx } from './db/prisma';
import { contractConsumer } from './events/consumers';
import { PrismaClient } from './generated/prisma/client';
import { contractRoutes } from './http/routes';

/** Vendors, budgets, contracts, approval routes and commitment (支出負担行為). */
export const contractService = defineService({
  name: 'contract',
  defaultPort: 3001,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  operations: CONTRACT_OPERATIONS,
  usesEvents: true,
  createApplication(runtime) {
    const { db, uow } = runtime.database<Tx, PrismaClient>(PrismaClient);
    return createContractApplication({
      db,
      uow,
      cityName: runtime.env.CITY_NAME,
    });
  },
  routes: contractRoutes,
  consumer: contractConsumer,
});
