import { join } from 'node:path';
import { auditRouter, authenticate, idempotency, type ServiceDefinition } from '@denpyo/platform';
import { createPrismaClient } from './db/prisma';
import { contractTopicConsumer } from './events/contract-consumer';
import { invoicesRouter } from './http/invoices-router';
import { voucherRouter } from './http/voucher-router';

/** Invoices, inspection (検収) and payment orders (支出命令). */
export const invoiceService: ServiceDefinition = {
  name: 'invoice',
  defaultPort: 3002,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  setup(runtime) {
    const prisma = createPrismaClient(runtime);
    return {
      mount(app) {
        app.use(
          '/api',
          authenticate(runtime.env.JWT_SECRET),
          idempotency(runtime.pool),
          invoicesRouter({ prisma, wakeRelay: () => runtime.relay.wake() }),
          voucherRouter(prisma, runtime.env.CITY_NAME),
          auditRouter(runtime.pool),
        );
      },
      consumers: [contractTopicConsumer(prisma)],
      close: () => prisma.$disconnect(),
    };
  },
};
