import { PRISMA_TRANSACTION_OPTIONS, prismaAdapter, type ServiceRuntime } from '@denpyo/platform';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type Db = PrismaClient;
/** The client inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

/** A Prisma client on the runtime's pool, so it sees only this service's schema. */
export function createPrismaClient(runtime: ServiceRuntime): Db {
  return new PrismaClient({
    adapter: prismaAdapter(runtime.pool, runtime.schema),
    transactionOptions: PRISMA_TRANSACTION_OPTIONS,
  });
}
