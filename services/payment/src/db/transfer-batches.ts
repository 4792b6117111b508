import {
  BankAccountSchema,
  pageWindow,
  SignatureSchema,
  TransferBatchStatusSchema,
  type BankAccount,
  type Signature,
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
  createdBy: Signature;
  createdAt: Date;
  lateReason?: string;
}

const withItems = {
  items: { orderBy: { paymentId: 'asc' } },
} as const satisfies Prisma.TransferBatchInclude;

type TransferBatchRow = Prisma.TransferBatchGetPayload<{ include: typeof withItems }>;

/** A draft with no payments yet: they join it by markBatched, which needs the batch row. */
export async function insertBatch(tx: Tx, batch: NewTransferBatch): Promise<void> {
  await tx.transferBatch.create({
    data: {
      id: batch.id,
      status: 'draft',
      transferDate: isoDateToUtc(batch.transferDate),
      count: batch.count,
      total: BigInt(batch.total),
      createdBy: batch.createdBy.username,
      createdBySignature: batch.createdBy,
      createdAt: batch.createdAt,
      lateReason: batch.lateReason ?? null,
    },
  });
}

/** When a batch was drafted (its API shape names who, not when); undefined for no such batch. */
export async function batchCreatedAt(db: Db | Tx, id: string): Promise<string | undefined> {
  const row = await db.transferBatch.findUnique({ where: { id }, select: { createdAt: true } });
  return row?.createdAt.toISOString();
}

export async function findBatch(db: Db | Tx, id: string): Promise<TransferBatch | undefined> {
  const row = await db.transferBatch.findUnique({ where: { id }, include: withItems });
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
      include: withItems,
      orderBy: [{ [query.sort]: query.order }, { createdAt: 'desc' }, { id: 'asc' }],
      ...pageWindow(query, (key) => ({ id: String(key.id) })),
    }),
    db.transferBatch.count({ where }),
  ]);
  return { items: rows.map(toTransferBatch), total };
}

/** Reads back a batch this transaction has just written (so it is there). */
export async function reloadBatch(tx: Tx, id: string): Promise<TransferBatch> {
  return toTransferBatch(
    await tx.transferBatch.findUniqueOrThrow({ where: { id }, include: withItems }),
  );
}

export async function markApproved(
  tx: Tx,
  id: string,
  by: Signature,
  at: Date,
): Promise<TransferBatch> {
  const row = await tx.transferBatch.update({
    where: { id },
    data: { status: 'approved', approvedBy: by.username, approvedBySignature: by, approvedAt: at },
    include: withItems,
  });
  return toTransferBatch(row);
}

export async function markSettled(
  tx: Tx,
  id: string,
  by: Signature,
  at: Date,
): Promise<TransferBatch> {
  const row = await tx.transferBatch.update({
    where: { id },
    data: { status: 'settled', settledBy: by.username, settledBySignature: by, settledAt: at },
    include: withItems,
  });
  return toTransferBatch(row);
}

export async function markCancelled(tx: Tx, id: string, by: string, at: Date): Promise<void> {
  await tx.transferBatch.update({
    where: { id },
    data: { status: 'cancelled', cancelledBy: by, cancelledAt: at },
  });
}

export async function redate(
  tx: Tx,
  id: string,
  transferDate: string,
  lateReason: string | undefined,
): Promise<void> {
  await tx.transferBatch.update({
    where: { id },
    data: { transferDate: isoDateToUtc(transferDate), lateReason: lateReason ?? null },
  });
}

/** The approved, unsettled batches holding payments of a fiscal year, by transfer date. */
export async function approvedBatchesOfYear(
  db: Db | Tx,
  fiscalYear: number,
): Promise<{ id: string; transferDate: string }[]> {
  const rows = await db.transferBatch.findMany({
    where: { status: 'approved', payments: { some: { fiscalYear } } },
    select: { id: true, transferDate: true },
    orderBy: [{ transferDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map((row) => ({ id: row.id, transferDate: utcToIsoDate(row.transferDate) }));
}

/** What a batch pays: each payment's net amount to the account copied onto the batch. */
export interface BatchItem {
  paymentId: string;
  /** The vendor's number of the invoice paid, which the vendor reconciles the transfer by. */
  invoiceNumber: string;
  netAmount: number;
  payeeAccount: BankAccount;
}

const WITH_INVOICE_NUMBER = { payment: { select: { invoiceNumber: true } } } as const;

export async function itemsOfBatch(db: Db | Tx, batchId: string): Promise<BatchItem[]> {
  const rows = await db.transferBatchItem.findMany({
    where: { batchId },
    orderBy: { paymentId: 'asc' },
    include: WITH_INVOICE_NUMBER,
  });
  return rows.map((row) => ({
    paymentId: row.paymentId,
    invoiceNumber: row.payment.invoiceNumber,
    netAmount: yenFromBigInt(row.netAmount),
    payeeAccount: BankAccountSchema.parse(row.payeeAccount),
  }));
}

function toTransferBatch(row: TransferBatchRow): TransferBatch {
  const failures = row.items.flatMap((item) =>
    item.result === 'failed' && item.failureReason
      ? [{ paymentId: item.paymentId, reason: item.failureReason }]
      : [],
  );
  return {
    id: row.id,
    status: TransferBatchStatusSchema.parse(row.status),
    transferDate: utcToIsoDate(row.transferDate),
    count: row.count,
    total: yenFromBigInt(row.total),
    createdBy: row.createdBy,
    ...(row.createdBySignature
      ? { createdBySignature: SignatureSchema.parse(row.createdBySignature) }
      : {}),
    ...(row.approvedBy ? { approvedBy: row.approvedBy } : {}),
    ...(row.approvedBySignature
      ? { approvedBySignature: SignatureSchema.parse(row.approvedBySignature) }
      : {}),
    ...(row.approvedAt ? { approvedAt: row.approvedAt.toISOString() } : {}),
    ...(row.settledBy ? { settledBy: row.settledBy } : {}),
    ...(row.settledAt ? { settledAt: row.settledAt.toISOString() } : {}),
    ...(row.cancelledBy ? { cancelledBy: row.cancelledBy } : {}),
    ...(row.cancelledAt ? { cancelledAt: row.cancelledAt.toISOString() } : {}),
    ...(row.lateReason ? { lateReason: row.lateReason } : {}),
    paymentIds: row.items.map((item) => item.paymentId),
    ...(row.status === 'settled' ? { failures } : {}),
  };
}
