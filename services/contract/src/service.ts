import { join } from 'node:path';
import { defineService } from '@denpyo/platform';
import { CONTRACT_OPERATIONS } from '@denpyo/schemas';
import { createContractApplication } from './application';
import type { Tx } from './db/prisma';
import { DEFAULT_DELEGATION_RULES } from './domain/delegation';
import { contractConsumer } from './events/consumers';
import { PrismaClient } from './generated/prisma/client';
import { contractRoutes } from './http/routes';
import { contractSettingsSchema } from './settings';

/** Vendors, budgets, contracts, approval routes and commitment (支出負担行為). */
export const contractService = defineService({
  name: 'contract',
  defaultPort: 3001,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  operations: CONTRACT_OPERATIONS,
  usesEvents: true,
  settings: contractSettingsSchema,
  async createApplication(runtime) {
    const { db, uow } = runtime.database<Tx, PrismaClient>(PrismaClient);
    const application = createContractApplication({
      db,
      uow,
      cityName: runtime.env.CITY_NAME,
      today: runtime.clock.today,
      // Absent when the process was started without the setting (tests start it so).
      delegationRules: runtime.env.DELEGATION_RULES ?? DEFAULT_DELEGATION_RULES,
    });
    // A later year of a multi-year contract encumbers its line once that year has begun: a
    // start on or after its April 1 applies what is due.
    await application.applyBegunCommitments();
    return application;
  },
  routes: contractRoutes,
  consumer: contractConsumer,
});
