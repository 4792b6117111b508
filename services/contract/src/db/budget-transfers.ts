import { yenFromBigInt, type ListPage } from '@denpyo/platform';
import {
  pageWindow,
  SignatureSchema,
  type BudgetTransfer,
  type BudgetTransferListQuery,
  type Signature,
} from '@denpyo/schemas';
import type { BudgetTransfer as TransferRow, Prisma } from '../generated/prisma/client';
import { decisionColumns, type Decision } from './decisions';
import type { Db, Tx } from './prisma';

export interface NewBudgetTransfer {
  id: string;
  fiscalYear: number;
  fromCode: string;
  toCode: string;
  amount: number;
  reason: string;
  requestedBy: Signature;
  requestedAt: Date;
}

export async function insertBudgetTransfer(
  tx: Tx,
  transfer: NewBudgetTransfer,
): Promise<BudgetTransfer> {
  const row = await tx.budgetTransfer.create({
    data: {
      id: transfer.id,
      fiscalYear: transfer.fiscalYear,
      fromCode: transfer.fromCode,
      toCode: transfer.toCode,
      amount: BigInt(transfer.amount),
      reason: transfer.reason,
      status: 'requested',
      requestedBy: transfer.requestedBy.username,
      requestedBySignature: transfer.requestedBy,
      requestedAt: transfer.requestedAt,
    },
  });
  return toTransfer(row);
}

export async function findBudgetTransfer(
  db: Db | Tx,
  id: string,
): Promise<BudgetTransfer | undefined> {
  const row = await db.budgetTransfer.findUnique({ where: { id } });
  return row ? toTransfer(row) : undefined;
}

export async function decideBudgetTransfer(
  tx: Tx,
  id: string,
  decision: Decision,
): Promise<BudgetTransfer> {
  const row = await tx.budgetTransfer.update({ where: { id }, data: decisionColumns(decision) });
  return toTransfer(row);
}

/** One page of transfers of a year (or all) and a status (or any), and the count. */
export async function listBudgetTransfers(
  db: Db,
  query: BudgetTransferListQuery,
): Promise<ListPage<BudgetTransfer>> {
  const where: Prisma.BudgetTransferWhereInput = {
    fiscalYear: query.fiscalYear,
    status: query.status,
  };
  const [rows, total] = await Promise.all([
    db.budgetTransfer.findMany({
      where,
      orderBy: [{ requestedAt: query.order }, { id: 'asc' }],
      ...pageWindow(query, (key) => ({ id: String(key.id) })),
    }),
    db.budgetTransfer.count({ where }),
  ]);
  return { items: rows.map(toTransfer), total };
}

function toTransfer(row: TransferRow): BudgetTransfer {
  return {
    id: row.id,
    fiscalYear: row.fiscalYear,
    fromCode: row.fromCode,
    toCode: row.toCode,
    amount: yenFromBigInt(row.amount),
    reason: row.reason,
    status: row.status,
    requestedBy: SignatureSchema.parse(row.requestedBySignature),
    requestedAt: row.requestedAt.toISOString(),
    ...(row.decidedBySignature !== null
      ? { decidedBy: SignatureSchema.parse(row.decidedBySignature) }
      : {}),
    ...(row.decidedAt !== null ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.rejectionReason !== null ? { rejectionReason: row.rejectionReason } : {}),
  };
}
