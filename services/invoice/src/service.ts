import { join } from 'node:path';
import { usePdfRendering } from '@denpyo/pdf';
import { defineService, pdfSettings, publicUrlOf } from '@denpyo/platform';
import { INVOICE_OPERATIONS } from '@denpyo/schemas';
import { createInvoiceApplication } from './application';
import { invoiceEnvSchema } from './config';
import type { Tx } from './db/prisma';
import { invoiceConsumer } from './events/consumers';
import { PrismaClient } from './generated/prisma/client';
import { invoiceRoutes } from './http/routes';

/** Invoices, inspection (検収) and payment orders (支出命令). */
export const invoiceService = defineService({
  name: 'invoice',
  defaultPort: 3002,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  operations: INVOICE_OPERATIONS,
  usesEvents: true,
  settings: invoiceEnvSchema,
  createApplication(runtime) {
    const { db, uow } = runtime.database<Tx, PrismaClient>(PrismaClient);
    // Vouchers render on this process's worker pool, closed when the service stops.
    runtime.onStop(usePdfRendering(pdfSettings(runtime.env)));
    return createInvoiceApplication({
      db,
      uow,
      cityName: runtime.env.CITY_NAME,
      cityBankCode: runtime.env.ZENGIN_BANK_CODE,
      publicUrl: publicUrlOf(runtime.env),
      today: runtime.clock.today,
    });
  },
  routes: invoiceRoutes,
  consumer: invoiceConsumer,
});
