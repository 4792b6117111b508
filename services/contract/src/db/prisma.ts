import type { Prisma, PrismaClient } from '../generated/prisma/client';

export type Db = PrismaClient;
/** The client inside a unit of work's transaction; repositories take either. */
export type Tx = Prisma.TransactionClient;
