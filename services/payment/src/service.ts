import { join } from 'node:path';
import type { Requester } from '@denpyo/jp';
import { auditRouter, authenticate, idempotency, type ServiceDefinition } from '@denpyo/platform';
import { createPrismaClient } from './db/client';
import { paymentConsumers } from './events/handlers';
import { paymentsRouter } from './http/payments';
import { transferBatchesRouter } from './http/transfer-batches';

export interface PaymentServiceOptions {
  /** The city's account transfers are paid from (依頼人 of the Zengin file). */
  requester: Requester;
}

/** Payment schedule, transfer batches, Zengin files, remittance notices and the vendor view. */
export function createPaymentService(options: PaymentServiceOptions): ServiceDefinition {
  return {
    name: 'payment',
    defaultPort: 3003,
    migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
    setup(runtime) {
      const prisma = createPrismaClient(runtime);
      const context = { prisma, runtime, requester: options.requester };
      return {
        mount(app) {
          app.use(
            '/api',
            authenticate(runtime.env.JWT_SECRET),
            idempotency(runtime.pool),
            paymentsRouter(context),
            transferBatchesRouter(context),
            auditRouter(context.runtime.pool),
          );
        },
        consumers: paymentConsumers(prisma, () => runtime.relay.wake()),
        close: () => prisma.$disconnect(),
      };
    },
  };
}
