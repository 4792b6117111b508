import type { ServiceRuntime } from '@denpyo/platform';
import type { PrismaClient } from '../generated/prisma/client';

/** What the routers work with. */
export interface HttpDeps {
  prisma: PrismaClient;
  runtime: Pick<ServiceRuntime, 'pool' | 'relay' | 'env'>;
}
