import { PrismaPg } from '@prisma/adapter-pg';
import type { ServiceRuntime } from '@denpyo/platform';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

export type Db = PrismaClient;
/** The client inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

/** A Prisma client on the runtime's pool, so it sees only this service's schema. */
export function createPrismaClient(runtime: ServiceRuntime): Db {
  return new PrismaClient({
    adapter: new PrismaPg(runtime.pool, { schema: runtime.schema }),
    // Month-end bursts queue for the pool's connections and the contract row's lock; Prisma's
    // 2 s default for getting a connection would turn that queue into 500s.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
}

/** True when Prisma refused a write for breaking a unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'P2002';
}
