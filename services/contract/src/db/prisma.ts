import { PRISMA_TRANSACTION_OPTIONS, prismaAdapter, type ServiceRuntime } from '@denpyo/platform';
import { Prisma, PrismaClient } from '../generated/prisma/client';

/** The client or an interactive transaction: repositories work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function createPrisma(runtime: Pick<ServiceRuntime, 'pool' | 'schema'>): PrismaClient {
  return new PrismaClient({
    adapter: prismaAdapter(runtime.pool, runtime.schema),
    transactionOptions: PRISMA_TRANSACTION_OPTIONS,
  });
}
