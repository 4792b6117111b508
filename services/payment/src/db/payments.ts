import {
  BankAccountSchema,
  LateInterestBasisSchema,
  pageWindow,
  PaymentKindSchema,
  PaymentStatusSchema,
  SignatureSchema,
  type BankAccount,
  type CursorKey,
  type LateInterestBasis,
  type Payment,
  type PageRequest,
  type PaymentListQuery,
  type Signature,
} from '@denpyo/schemas';
import { Prisma, type Payment as PaymentRow } from '../generated/prisma/client';
import { isoDateToUtc, utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import type { Db, Tx } from './prisma';

/** The vendor's current account as a payee-account snapshot (vendors v in the query). */
const VENDOR_ACCOUNT = Prisma.sql`jsonb_build_object(
  'bankCode', v.bank_code, 'branchCode', v.branch_code, 'type', v.account_type,
  'number', v.account_number, 'holderKana', v.holder_kana)`;

/** A payment to insert: an ordered invoice, or the late-payment interest on a paid one. */
export interface NewPayment {
  id: string;
  invoiceId: string;
  contractId: string;
  vendorId: string;
  invoiceNumber: string;
  invoiceDate?: string;
  kind: Payment['kind'];
  amount: number;
  withholdingTax: number;
  netAmount: number;
  dueDate: string;
  fiscalYear: number;
  contractConcludedOn?: string;
  orderedBy: string;
  orderedBySignature?: Signature;
  originPaymentId?: string;
  lateInterest?: LateInterestBasis;
  createdAt: Date;
}

/**
 * Inserts a scheduled payment unless its (invoice, kind) exists already: an invoice is paid
 * once, and its late interest once, whatever the event ids or retries. Its payee account is the
 * vendor's account when the vendor is known. True when it was inserted.
 */
export async function insertScheduledPayment(tx: Tx, payment: NewPayment): Promise<boolean> {
  const { count } = await tx.payment.createMany({
    data: [
      {
        id: payment.id,
        invoiceId: payment.invoiceId,
        contractId: payment.contractId,
        vendorId: payment.vendorId,
        invoiceNumber: payment.invoiceNumber,
        invoiceDate: payment.invoiceDate ? isoDateToUtc(payment.invoiceDate) : null,
        kind: payment.kind,
        amount: BigInt(payment.amount),
        withholdingTax: BigInt(payment.withholdingTax),
        netAmount: BigInt(payment.netAmount),
        dueDate: isoDateToUtc(payment.dueDate),
        fiscalYear: payment.fiscalYear,
        contractConcludedOn: payment.contractConcludedOn
          ? isoDateToUtc(payment.contractConcludedOn)
          : null,
        status: 'scheduled',
        orderedBy: payment.orderedBy,
        orderedBySignature: payment.orderedBySignature ?? Prisma.DbNull,
        originPaymentId: payment.originPaymentId ?? null,
        lateInterest: payment.lateInterest ?? Prisma.DbNull,
        createdAt: payment.createdAt,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 1) {
    await tx.$executeRaw`
      UPDATE payments p SET payee_account = ${VENDOR_ACCOUNT}
      FROM vendors v WHERE v.id = p.vendor_id AND p.id = ${payment.id}::uuid`;
  }
  return count === 1;
}

/** Payments ordered before their vendor was known take its account once it is. */
export async function fillMissingPayeeAccounts(tx: Tx, vendorId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE payments p SET payee_account = ${VENDOR_ACCOUNT}
    FROM vendors v
    WHERE v.id = p.vendor_id AND p.vendor_id = ${vendorId}::uuid AND p.payee_account IS NULL`;
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
  return paymentPage(db, where, [{ [query.sort]: query.order }], query, (key) => key.id);
}

async function paymentPage(
  db: Db,
  where: Prisma.PaymentWhereInput,
  orderBy: Prisma.PaymentOrderByWithRelationInput[],
  page: PageRequest,
  /** The payment id in a cursor's key. */
  idOf: (key: CursorKey) => string | number | undefined,
): Promise<ListPage<Payment>> {
  const [rows, total] = await Promise.all([
    db.payment.findMany({
      where,
      orderBy: [...orderBy, { dueDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      ...pageWindow(page, (key) => ({ id: String(idOf(key)) })),
    }),
    db.payment.count({ where }),
  ]);
  return { items: rows.map(toPayment), total };
}

export async function findPayment(db: Db | Tx, id: string): Promise<Payment | undefined> {
  const row = await db.payment.findUnique({ where: { id } });
  return row ? toPayment(row) : undefined;
}

/** The payments now in a batch (batched, paid or failed in it), by id. */
export async function paymentsOfBatch(db: Db | Tx, batchId: string): Promise<Payment[]> {
  const rows = await db.payment.findMany({ where: { batchId }, orderBy: { id: 'asc' } });
  return rows.map(toPayment);
}

/** The payments of these ids that exist (lock them first when a rule decides on them). */
export async function findPayments(db: Db | Tx, ids: readonly string[]): Promise<Payment[]> {
  const rows = await db.payment.findMany({
    where: { id: { in: [...ids] } },
    orderBy: { id: 'asc' },
  });
  return rows.map(toPayment);
}

/** The treasurer's examination, recorded if the payment is still scheduled; the count says. */
export async function markConfirmed(tx: Tx, id: string, by: Signature, at: Date): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { id, status: 'scheduled' },
    data: {
      status: 'confirmed',
      confirmedBy: by.username,
      confirmedBySignature: by,
      confirmedAt: at,
    },
  });
  return count;
}

/**
 * Moves confirmed payments into a batch, each with a copy of its vendor's current account (on
 * the payment and on the batch's item); the count tells whether all of them were still
 * confirmed (and their vendors known).
 */
export async function markBatched(
  tx: Tx,
  ids: readonly string[],
  batchId: string,
): Promise<number> {
  const uuids = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  const count = await tx.$executeRaw`
    UPDATE payments p
    SET status = 'batched', batch_id = ${batchId}::uuid, payee_account = ${VENDOR_ACCOUNT}
    FROM vendors v
    WHERE v.id = p.vendor_id AND p.id IN (${uuids}) AND p.status = 'confirmed'`;
  await tx.$executeRaw`
    INSERT INTO transfer_batch_items (batch_id, payment_id, net_amount, payee_account)
    SELECT batch_id, id, net_amount, payee_account FROM payments WHERE batch_id = ${batchId}::uuid`;
  return count;
}

/** A cancelled draft's payments go back to confirmed (the batch keeps its items as record). */
export async function returnToConfirmed(tx: Tx, batchId: string): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { batchId, status: 'batched' },
    data: { status: 'confirmed', batchId: null },
  });
  return count;
}

/** The batch's payments that the bank transferred: paid on the transfer date. */
export async function markPaid(
  tx: Tx,
  batchId: string,
  transferDate: string,
  exceptIds: readonly string[],
): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { batchId, status: 'batched', id: { notIn: [...exceptIds] } },
    data: { status: 'paid', transferDate: isoDateToUtc(transferDate) },
  });
  await tx.transferBatchItem.updateMany({
    where: { batchId, paymentId: { notIn: [...exceptIds] } },
    data: { result: 'paid' },
  });
  return count;
}

/** A transfer the bank returned (振込不能), with its reason. */
export async function markFailed(
  tx: Tx,
  batchId: string,
  paymentId: string,
  reason: string,
  at: Date,
): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { id: paymentId, batchId, status: 'batched' },
    data: { status: 'failed', failureReason: reason, failedAt: at },
  });
  await tx.transferBatchItem.update({
    where: { batchId_paymentId: { batchId, paymentId } },
    data: { result: 'failed', failureReason: reason },
  });
  return count;
}

/** A failed payment goes back to confirmed, out of the batch it failed in. */
export async function markRetried(tx: Tx, id: string): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { id, status: 'failed' },
    data: { status: 'confirmed', batchId: null },
  });
  return count;
}

/**
 * A vendor's approved new account reaches every payment not yet in an approved batch (scheduled,
 * confirmed, failed, or in one of `draftBatchIds`, which the caller has locked and found still
 * draft) and those drafts' items; payments of approved or settled batches keep theirs. Returns
 * the ids of the payments that now go to the new account.
 */
export async function moveToAccount(
  tx: Tx,
  vendorId: string,
  account: BankAccount,
  draftBatchIds: readonly string[],
): Promise<string[]> {
  const rows = await tx.payment.findMany({
    where: {
      vendorId,
      OR: [
        { status: { in: ['scheduled', 'confirmed', 'failed'] } },
        { status: 'batched', batchId: { in: [...draftBatchIds] } },
      ],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const ids = rows.map((row) => row.id);
  await tx.payment.updateMany({ where: { id: { in: ids } }, data: { payeeAccount: account } });
  await tx.transferBatchItem.updateMany({
    where: { batchId: { in: [...draftBatchIds] }, paymentId: { in: ids } },
    data: { payeeAccount: account },
  });
  return ids;
}

/** The draft batches that hold payments of this vendor (to lock before moving accounts). */
export async function draftBatchesOfVendor(tx: Tx, vendorId: string): Promise<string[]> {
  const rows = await tx.payment.findMany({
    where: { vendorId, status: 'batched', batch: { status: 'draft' } },
    select: { batchId: true },
    distinct: ['batchId'],
  });
  return rows.flatMap((row) => (row.batchId ? [row.batchId] : []));
}

/** The ids of a vendor's payments (to lock before moving accounts). */
export async function paymentIdsOfVendor(tx: Tx, vendorId: string): Promise<string[]> {
  const rows = await tx.payment.findMany({ where: { vendorId }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** The account the bank refused for this payment's last failed transfer. */
export async function failedAccount(
  db: Db | Tx,
  paymentId: string,
  batchId: string,
): Promise<BankAccount | undefined> {
  const item = await db.transferBatchItem.findUnique({
    where: { batchId_paymentId: { batchId, paymentId } },
  });
  return item ? BankAccountSchema.parse(item.payeeAccount) : undefined;
}

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    contractId: row.contractId,
    vendorId: row.vendorId,
    invoiceNumber: row.invoiceNumber,
    kind: PaymentKindSchema.parse(row.kind),
    amount: yenFromBigInt(row.amount),
    withholdingTax: yenFromBigInt(row.withholdingTax),
    netAmount: yenFromBigInt(row.netAmount),
    dueDate: utcToIsoDate(row.dueDate),
    fiscalYear: row.fiscalYear,
    ...(row.contractConcludedOn
      ? { contractConcludedOn: utcToIsoDate(row.contractConcludedOn) }
      : {}),
    status: PaymentStatusSchema.parse(row.status),
    orderedBy: row.orderedBy,
    ...(row.orderedBySignature
      ? { orderedBySignature: SignatureSchema.parse(row.orderedBySignature) }
      : {}),
    ...(row.confirmedBy ? { confirmedBy: row.confirmedBy } : {}),
    ...(row.confirmedBySignature
      ? { confirmedBySignature: SignatureSchema.parse(row.confirmedBySignature) }
      : {}),
    ...(row.confirmedAt ? { confirmedAt: row.confirmedAt.toISOString() } : {}),
    ...(row.transferDate ? { transferDate: utcToIsoDate(row.transferDate) } : {}),
    ...(row.batchId ? { batchId: row.batchId } : {}),
    ...(row.payeeAccount ? { payeeAccount: BankAccountSchema.parse(row.payeeAccount) } : {}),
    ...(row.failureReason ? { failureReason: row.failureReason } : {}),
    ...(row.lateInterest ? { lateInterest: LateInterestBasisSchema.parse(row.lateInterest) } : {}),
  };
}
