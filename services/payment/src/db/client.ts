import type { ServiceRuntime } from '@denpyo/platform';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Prisma } from '../generated/prisma/client';

/** A Prisma client on the service's pool, whose search_path is already the service schema. */
export function createPrismaClient(runtime: Pick<ServiceRuntime, 'pool' | 'schema'>): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(runtime.pool, { schema: runtime.schema }) });
}

/** Repositories take either the client or an interactive transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
export type Tx = Prisma.TransactionClient;

// `@db.Date` columns come back as UTC midnight of the calendar day; ISO dates are Japan days.
export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromIsoDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Amounts are bigint in the database and JSON numbers outside; they stay within safe integers. */
export function toYen(amount: bigint): number {
  const yen = Number(amount);
  if (!Number.isSafeInteger(yen)) throw new RangeError(`amount ${amount} exceeds safe integers`);
  return yen;
}
