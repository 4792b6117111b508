import { PRISMA_TRANSACTION_OPTIONS, prismaAdapter, type ServiceRuntime } from '@denpyo/platform';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** A Prisma client on the service's pool, whose search_path is already the service schema. */
export function createPrismaClient(runtime: Pick<ServiceRuntime, 'pool' | 'schema'>): PrismaClient {
  return new PrismaClient({
    adapter: prismaAdapter(runtime.pool, runtime.schema),
    transactionOptions: PRISMA_TRANSACTION_OPTIONS,
  });
}

/** Repositories take either the client or an interactive transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;
