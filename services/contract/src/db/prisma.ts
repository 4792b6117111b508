import type { ServiceRuntime } from '@denpyo/platform';
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from '../generated/prisma/client';

/** The client or an interactive transaction: repositories work with either. */
export type Db = PrismaClient | Prisma.TransactionClient;

export function createPrisma(runtime: Pick<ServiceRuntime, 'pool' | 'schema'>): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(runtime.pool, { schema: runtime.schema }),
    // Bursts of approvals queue for the pool and for the budget row lock: wait rather than fail.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** BigInt columns leave the repositories as JSON-safe numbers (amounts stay below 2^53). */
export const toYen = (value: bigint): number => Number(value);

/** `@db.Date` columns arrive as UTC midnight of the calendar date. */
export const toIsoDate = (value: Date): string => value.toISOString().slice(0, 10);
export const fromIsoDate = (value: string): Date => new Date(`${value}T00:00:00.000Z`);
