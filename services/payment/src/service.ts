import { join } from 'node:path';
import { usePdfRendering } from '@denpyo/pdf';
import { createMailer, defineService, pdfSettings, publicUrlOf } from '@denpyo/platform';
import { PAYMENT_OPERATIONS } from '@denpyo/schemas';
import { createPaymentApplication } from './application';
import { paymentEnvSchema, requesterFromEnv, zenginFileFromEnv } from './config';
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
    // Vouchers render on this process's worker pool, closed when the service stops.
    runtime.onStop(usePdfRendering(pdfSettings(runtime.env)));
    const mailer = createMailer(runtime.env);
    if (mailer) runtime.onStop(async () => mailer.close());
    return createPaymentApplication({
      db,
      uow,
      requester: requesterFromEnv(runtime.env),
      cityName: runtime.env.CITY_NAME,
      publicUrl: publicUrlOf(runtime.env),
      today: runtime.clock.today,
      lateInterestRates: runtime.env.LATE_INTEREST_RATES,
      ...(runtime.bus ? { deadLetters: runtime.bus } : {}),
      orderWaitSeconds: runtime.env.PAYMENT_ORDER_WAIT_SECONDS,
      ...(mailer ? { mailer } : {}),
      zenginFile: zenginFileFromEnv(runtime.env),
    });
  },
  routes: paymentRoutes,
  consumer: paymentConsumer,
  every: (env) => [
    {
      // Payment orders kept back for their contract: refused when the wait ends, dead-lettered.
      name: 'settle parked payment orders',
      intervalMs: 30_000,
      run: async (application) => {
        await application.settleParkedOrders();
      },
    },
    {
      // 振込通知書 mails queued by batch approvals; one the SMTP server refused is tried again.
      name: 'send remittance notice mails',
      intervalMs: env.REMITTANCE_MAIL_INTERVAL_SECONDS * 1000,
      run: async (application) => {
        await application.sendRemittanceMails();
      },
    },
  ],
});
