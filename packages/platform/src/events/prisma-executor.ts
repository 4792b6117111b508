import type { SqlExecutor } from '../db/pool';

/** The part of a Prisma (interactive transaction) client the adapter needs. */
export interface PrismaRawClient {
  $queryRawUnsafe(sql: string, ...values: unknown[]): Promise<unknown>;
}

/**
 * Lets outbox, inbox and audit rows commit inside a Prisma interactive transaction:
 * `prisma.$transaction(async (tx) => { …; await appendToOutbox(prismaExecutor(tx), …) })`.
 * Write SQL with explicit casts (`$1::uuid`), since Prisma binds parameters untyped.
 */
export function prismaExecutor(tx: PrismaRawClient): SqlExecutor {
  return {
    async query<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
      const rows = await tx.$queryRawUnsafe(sql, ...params);
      return Array.isArray(rows) ? (rows as Row[]) : [];
    },
  };
}
