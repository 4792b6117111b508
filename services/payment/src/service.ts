import { join } from 'node:path';
import { defineService } from '@denpyo/platform';
import { PAYMENT_OPERATIONS } from '@denpyo/schemas';
import { createPaymentApplication } from './application';
import { paymentEnvSchema, requesterFromEnv } from './config';
import type { Tx } from './db/prisma';
import { paymentConsumer } from './events/consumers';
import { PrismaClient } from './generated/prisma/client';
import { paymentRoutes } from './http/routes';

/** Payment schedule, transfer batches, Zengin files, remittance notices and the vendor view. */
export const paymentService = defineService({
  name: 'payment',
  defaultPort: 3003,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  operations: PAYMENT_OPERATIONS,
  usesEvents: true,
  settings: paymentEnvSchema,
  createApplication(runtime) {
    const { db, uow } = runtime.database<Tx, PrismaClient>(PrismaClient);
    return createPaymentApplication({
      db,
      uow,
      requester: requesterFromEnv(runtime.env),
      cityName: runtime.env.CITY_NAME,
      today: runtime.clock.today,
      lateInterestRates: runtime.env.LATE_INTEREST_RATES,
    });
  },
  routes: paymentRoutes,
  consumer: paymentConsumer,
});
