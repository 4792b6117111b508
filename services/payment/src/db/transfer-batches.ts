import { TransferBatchStatusSchema, type TransferBatch } from '@denpyo/schemas';
import type { TransferBatch as TransferBatchRow } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { yenFromBigInt } from '@denpyo/platform';
import type { Db, Tx } from './client';

export interface NewTransferBatch {
  id: string;
  transferDate: string;
  count: number;
  total: number;
  createdBy: string;
  createdAt: Date;
}

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

export async function findBatch(db: Db, id: string): Promise<TransferBatch | undefined> {
  const row = await db.transferBatch.findUnique({
    where: { id },
    include: { payments: { select: { id: true }, orderBy: { id: 'asc' } } },
  });
  return row
    ? toTransferBatch(
        row,
        row.payments.map((payment) => payment.id),
      )
    : undefined;
}

/** Reads the batch and holds its row lock until the transaction ends, so transitions serialise. */
export async function lockBatch(tx: Tx, id: string): Promise<TransferBatch | undefined> {
  await tx.$queryRaw`SELECT id FROM transfer_batches WHERE id = ${id}::uuid FOR UPDATE`;
  return findBatch(tx, id);
}

export async function markApproved(
  tx: Tx,
  id: string,
  approvedBy: string,
  at: Date,
): Promise<void> {
  await tx.transferBatch.update({
    where: { id },
    data: { status: 'approved', approvedBy, approvedAt: at },
  });
}

export async function markSettled(tx: Tx, id: string, settledBy: string, at: Date): Promise<void> {
  await tx.transferBatch.update({
    where: { id },
    data: { status: 'settled', settledBy, settledAt: at },
  });
}

function toTransferBatch(row: TransferBatchRow, paymentIds: string[]): TransferBatch {
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
    paymentIds,
  };
}
