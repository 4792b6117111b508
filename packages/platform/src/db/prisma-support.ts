import { isoDateToUtc } from '@denpyo/jp';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';

/**
 * The driver adapter a service's generated PrismaClient runs on: the service's own pool (whose
 * search_path is already the service schema) and that schema for Prisma's qualified names.
 */
export function prismaAdapter(pool: Pool, schema: string): PrismaPg {
  return new PrismaPg(pool, { schema });
}

/** What every generated PrismaClient constructor takes here: a driver adapter, no engine. */
export interface PrismaClientOptions {
  adapter: PrismaPg;
  transactionOptions: typeof PRISMA_TRANSACTION_OPTIONS;
}

/**
 * A service's generated PrismaClient on the service's pool, so it sees only its own schema:
 * `createPrismaClient(PrismaClient, runtime)`.
 */
export function createPrismaClient<Client>(
  PrismaClientClass: new (options: PrismaClientOptions) => Client,
  runtime: { pool: Pool; schema: string },
): Client {
  return new PrismaClientClass({
    adapter: prismaAdapter(runtime.pool, runtime.schema),
    transactionOptions: PRISMA_TRANSACTION_OPTIONS,
  });
}

/**
 * Interactive-transaction defaults for every service: month-end bursts queue for the pool's
 * connections (and hot row locks), and Prisma's 2 s/5 s defaults would turn that queue into 500s.
 */
export const PRISMA_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

const PRISMA_UNIQUE_VIOLATION = 'P2002';
const PG_UNIQUE_VIOLATION = '23505';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * True when a write broke a unique constraint: Prisma's P2002, or Postgres' 23505 as raised by
 * pg or wrapped by the driver adapter (`meta.driverAdapterError`, `cause`, `originalCode`).
 */
export function isUniqueViolation(error: unknown): boolean {
  // Walks the wrapping chain (bounded, in case of a cycle) instead of trusting one error shape.
  let pending: unknown[] = [error];
  for (let depth = 0; depth < 5 && pending.length > 0; depth++) {
    const records = pending.filter(isRecord);
    if (records.some(isUniqueViolationCode)) return true;
    pending = records.flatMap((record) => [
      record.cause,
      isRecord(record.meta) ? record.meta.driverAdapterError : undefined,
    ]);
  }
  return false;
}

function isUniqueViolationCode(error: Record<string, unknown>): boolean {
  return (
    error.code === PRISMA_UNIQUE_VIOLATION ||
    error.code === PG_UNIQUE_VIOLATION ||
    error.originalCode === PG_UNIQUE_VIOLATION
  );
}

/** A BigInt column as a JSON number; money stays within safe integers, and is refused past them. */
export function yenFromBigInt(value: bigint): number {
  const yen = Number(value);
  if (!Number.isSafeInteger(yen)) throw new RangeError(`amount ${value} exceeds safe integers`);
  return yen;
}

/**
 * The range filters of a search (API.md: `from`/`to` dates inclusive, `minAmount`/`maxAmount`)
 * as Prisma `where` conditions on a date column and a bigint yen column.
 */
export function searchRanges(query: {
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
}): { dates: { gte?: Date; lte?: Date }; amounts: { gte?: bigint; lte?: bigint } } {
  return {
    dates: {
      gte: query.from === undefined ? undefined : isoDateToUtc(query.from),
      lte: query.to === undefined ? undefined : isoDateToUtc(query.to),
    },
    amounts: {
      gte: query.minAmount === undefined ? undefined : BigInt(query.minAmount),
      lte: query.maxAmount === undefined ? undefined : BigInt(query.maxAmount),
    },
  };
}
