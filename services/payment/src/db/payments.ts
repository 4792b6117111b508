import {
  BankAccountSchema,
  PaymentStatusSchema,
  type BankAccount,
  type Payment,
  type PaymentListQuery,
  type PaymentOrdered,
} from '@denpyo/schemas';
import { Prisma, type Payment as PaymentRow } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { yenFromBigInt } from '@denpyo/platform';
import type { Db, Tx } from './prisma';

/**
 * Inserts the payment for an ordered invoice unless one exists already (invoice_id is unique:
 * an invoice is paid once whatever the event ids). True when it was inserted.
 */
export async function insertScheduledPayment(
  tx: Tx,
  id: string,
  order: PaymentOrdered,
  at: Date,
): Promise<boolean> {
  const { count } = await tx.payment.createMany({
    data: [
      {
        id,
        invoiceId: order.invoiceId,
        contractId: order.contractId,
        vendorId: order.vendorId,
        invoiceNumber: order.invoiceNumber,
        amount: BigInt(order.amount),
        dueDate: isoDateToUtc(order.dueDate),
        status: 'scheduled',
        createdAt: at,
      },
    ],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function listPayments(db: Db | Tx, query: PaymentListQuery): Promise<Payment[]> {
  const rows = await db.payment.findMany({
    where: { invoiceId: query.invoiceId, vendorId: query.vendorId, status: query.status },
    orderBy: [{ dueDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toPayment);
}

export async function findPayment(db: Db | Tx, id: string): Promise<Payment | undefined> {
  const row = await db.payment.findUnique({ where: { id } });
  return row ? toPayment(row) : undefined;
}

export async function paymentsOfBatch(db: Db | Tx, batchId: string): Promise<Payment[]> {
  const rows = await db.payment.findMany({ where: { batchId }, orderBy: { id: 'asc' } });
  return rows.map(toPayment);
}

/** The payments of these ids that exist (lock them first when a rule decides on them). */
export async function findPayments(db: Db | Tx, ids: readonly string[]): Promise<Payment[]> {
  const rows = await db.payment.findMany({ where: { id: { in: [...ids] } } });
  return rows.map(toPayment);
}

/**
 * Moves scheduled payments into a batch, taking a copy of each vendor's bank account; the count
 * tells whether all of them were still scheduled (and their vendors known).
 */
export async function markBatched(
  tx: Tx,
  ids: readonly string[],
  batchId: string,
): Promise<number> {
  const uuids = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  return tx.$executeRaw`
    UPDATE payments p
    SET status = 'batched', batch_id = ${batchId}::uuid,
        payee_account = jsonb_build_object(
          'bankCode', v.bank_code, 'branchCode', v.branch_code, 'type', v.account_type,
          'number', v.account_number, 'holderKana', v.holder_kana)
    FROM vendors v
    WHERE v.id = p.vendor_id AND p.id IN (${uuids}) AND p.status = 'scheduled'`;
}

/** The accounts the payments of a batch go to, as they were when batched. */
export async function payeeAccounts(
  db: Db | Tx,
  paymentIds: readonly string[],
): Promise<Map<string, BankAccount>> {
  const rows = await db.payment.findMany({
    where: { id: { in: [...paymentIds] } },
    select: { id: true, payeeAccount: true },
  });
  return new Map(
    rows.flatMap((row) =>
      row.payeeAccount === null
        ? []
        : [[row.id, BankAccountSchema.parse(row.payeeAccount)] as const],
    ),
  );
}

export async function markPaid(tx: Tx, batchId: string, transferDate: string): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { batchId, status: 'batched' },
    data: { status: 'paid', transferDate: isoDateToUtc(transferDate) },
  });
  return count;
}

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    contractId: row.contractId,
    vendorId: row.vendorId,
    invoiceNumber: row.invoiceNumber,
    amount: yenFromBigInt(row.amount),
    dueDate: utcToIsoDate(row.dueDate),
    status: PaymentStatusSchema.parse(row.status),
    ...(row.transferDate ? { transferDate: utcToIsoDate(row.transferDate) } : {}),
    ...(row.batchId ? { batchId: row.batchId } : {}),
  };
}
