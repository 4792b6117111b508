import {
  pageWindow,
  TransferBatchStatusSchema,
  type TransferBatch,
  type TransferBatchListQuery,
} from '@denpyo/schemas';
import type { Prisma } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import type { Db, Tx } from './prisma';

export interface NewTransferBatch {
  id: string;
  transferDate: string;
  count: number;
  total: number;
  createdBy: string;
  createdAt: Date;
}

const withPaymentIds = {
  payments: { select: { id: true }, orderBy: { id: 'asc' } },
} as const satisfies Prisma.TransferBatchInclude;

type TransferBatchRow = Prisma.TransferBatchGetPayload<{ include: typeof withPaymentIds }>;

/** A draft with no payments yet: they join it by markBatched, which needs the batch row. */
export async function insertBatch(tx: Tx, batch: NewTransferBatch): Promise<void> {
  await tx.transferBatch.create({
    data: {
      ...batch,
      status: 'draft',
      transferDate: isoDateToUtc(batch.transferDate),
      total: BigInt(batch.total),
    },
  });
}

export async function findBatch(db: Db | Tx, id: string): Promise<TransferBatch | undefined> {
  const row = await db.transferBatch.findUnique({ where: { id }, include: withPaymentIds });
  return row ? toTransferBatch(row) : undefined;
}

/**
 * One page of batches by status and transfer-date range (inclusive), by transfer date or total
 * (the newest created first among equals), and the count.
 */
export async function listBatches(
  db: Db,
  query: TransferBatchListQuery,
): Promise<ListPage<TransferBatch>> {
  const where: Prisma.TransferBatchWhereInput = {
    status: query.status,
    transferDate: searchRanges(query).dates,
  };
  const [rows, total] = await Promise.all([
    db.transferBatch.findMany({
      where,
      include: withPaymentIds,
      orderBy: [{ [query.sort]: query.order }, { createdAt: 'desc' }, { id: 'asc' }],
      ...pageWindow(query),
    }),
    db.transferBatch.count({ where }),
  ]);
  return { items: rows.map(toTransferBatch), total };
}

/** Reads back a batch this transaction has just written (so it is there). */
export async function reloadBatch(tx: Tx, id: string): Promise<TransferBatch> {
  return toTransferBatch(
    await tx.transferBatch.findUniqueOrThrow({ where: { id }, include: withPaymentIds }),
  );
}

export async function markApproved(
  tx: Tx,
  id: string,
  approvedBy: string,
  at: Date,
): Promise<TransferBatch> {
  const row = await tx.transferBatch.update({
    where: { id },
    data: { status: 'approved', approvedBy, approvedAt: at },
    include: withPaymentIds,
  });
  return toTransferBatch(row);
}

export async function markSettled(
  tx: Tx,
  id: string,
  settledBy: string,
  at: Date,
): Promise<TransferBatch> {
  const row = await tx.transferBatch.update({
    where: { id },
    data: { status: 'settled', settledBy, settledAt: at },
    include: withPaymentIds,
  });
  return toTransferBatch(row);
}

function toTransferBatch(row: TransferBatchRow): TransferBatch {
  return {
    id: row.id,
    status: TransferBatchStatusSchema.parse(row.status),
    transferDate: utcToIsoDate(row.transferDate),
    count: row.count,
    total: yenFromBigInt(row.total),
    createdBy: row.createdBy,
    ...(row.approvedBy ? { approvedBy: row.approvedBy } : {}),
    ...(row.approvedAt ? { approvedAt: row.approvedAt.toISOString() } : {}),
    ...(row.settledAt ? { settledAt: row.settledAt.toISOString() } : {}),
    paymentIds: row.payments.map((payment) => payment.id),
  };
}
