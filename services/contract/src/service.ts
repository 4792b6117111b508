import { join } from 'node:path';
import { usePdfRendering } from '@denpyo/pdf';
import { defineService, pdfSettings, publicUrlOf } from '@denpyo/platform';
import { CONTRACT_OPERATIONS } from '@denpyo/schemas';
import { createContractApplication } from './application';
import { contractRules, contractSettingsSchema } from './config';
import type { Tx } from './db/prisma';
import { contractConsumer } from './events/consumers';
import { PrismaClient } from './generated/prisma/client';
import { contractRoutes } from './http/routes';

/** How often a running service looks for later years of multi-year contracts that have begun. */
export const BEGUN_YEARS_INTERVAL_MS = 60 * 60 * 1000;

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
    // Vouchers render on this process's worker pool, closed when the service stops.
    runtime.onStop(usePdfRendering(pdfSettings(runtime.env)));
    const application = createContractApplication({
      db,
      uow,
      cityName: runtime.env.CITY_NAME,
      publicUrl: publicUrlOf(runtime.env),
      today: runtime.clock.today,
      ...contractRules(runtime.env),
    });
    // A later year of a multi-year contract encumbers its line once that year has begun: a
    // start on or after its April 1 applies what is due, and so does the hourly run below.
    await application.applyBegunCommitments();
    return application;
  },
  routes: contractRoutes,
  consumer: contractConsumer,
  every: [
    {
      // A service running through April 1 applies the new year's shares within the hour.
      name: 'encumber begun years',
      intervalMs: BEGUN_YEARS_INTERVAL_MS,
      run: async (application) => {
        await application.applyBegunCommitments();
      },
    },
  ],
});
