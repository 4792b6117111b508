import {
  BankAccountSchema,
  pageWindow,
  PaymentStatusSchema,
  type BankAccount,
  type Payment,
  type PaymentListQuery,
  type PaymentOrdered,
  type RemittanceListQuery,
} from '@denpyo/schemas';
import { Prisma, type Payment as PaymentRow } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
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

/**
 * One page of a search by invoice, vendor, status, due-date range (inclusive) and invoice number
 * (contains q), in the requested order (then in the order they were scheduled), and the count.
 */
export async function listPayments(db: Db, query: PaymentListQuery): Promise<ListPage<Payment>> {
  const where: Prisma.PaymentWhereInput = {
    invoiceId: query.invoiceId,
    batchId: query.batchId,
    vendorId: query.vendorId,
    status: query.status,
    dueDate: searchRanges({ from: query.dueFrom, to: query.dueTo }).dates,
    ...(query.q ? { invoiceNumber: { contains: query.q, mode: 'insensitive' } } : {}),
  };
  return paymentPage(db, where, [{ [query.sort]: query.order }], query);
}

/**
 * One page of a vendor's payments: by transfer date (those not yet transferred count as the
 * latest) or by amount, then by due date.
 */
export async function listVendorPayments(
  db: Db,
  vendorId: string,
  query: RemittanceListQuery,
): Promise<ListPage<Payment>> {
  const order: Prisma.PaymentOrderByWithRelationInput =
    query.sort === 'amount'
      ? { amount: query.order }
      : {
          transferDate: {
            sort: query.order,
            nulls: query.order === 'desc' ? 'first' : 'last',
          },
        };
  return paymentPage(db, { vendorId }, [order], query);
}

async function paymentPage(
  db: Db,
  where: Prisma.PaymentWhereInput,
  orderBy: Prisma.PaymentOrderByWithRelationInput[],
  page: { page: number; pageSize: number },
): Promise<ListPage<Payment>> {
  const [rows, total] = await Promise.all([
    db.payment.findMany({
      where,
      orderBy: [...orderBy, { dueDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      ...pageWindow(page),
    }),
    db.payment.count({ where }),
  ]);
  return { items: rows.map(toPayment), total };
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
