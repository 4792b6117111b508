import { utcToIsoDate } from '@denpyo/jp';
import { searchRanges, yenFromBigInt, type ListPage } from '@denpyo/platform';
import {
  BankAccountSchema,
  pageWindow,
  PaymentKindSchema,
  PaymentStatusSchema,
  type Remittance,
  type RemittanceListQuery,
} from '@denpyo/schemas';
import { Prisma } from '../generated/prisma/client';
import type { RemittanceLine } from '../domain/documents';
import type { Db, Tx } from './prisma';

/** Batches whose transfers the bank has been told of: their vendors may learn of them. */
const ANNOUNCED_BATCH = { status: { in: ['approved', 'settled'] } };

/** What the batch pays one vendor (from its items, which stay when a failed payment moves on). */
export async function remittanceLines(
  db: Db | Tx,
  batchId: string,
  vendorId: string,
): Promise<RemittanceLine[]> {
  const items = await db.transferBatchItem.findMany({
    where: { batchId, payment: { vendorId } },
    include: { payment: { include: { origin: { select: { invoiceDate: true } } } } },
    orderBy: [{ payment: { invoiceNumber: 'asc' } }, { payment: { kind: 'asc' } }],
  });
  return items.map(({ payment, ...item }) => {
    const invoiceDate = payment.invoiceDate ?? payment.origin?.invoiceDate;
    return {
      paymentId: payment.id,
      invoiceNumber: payment.invoiceNumber,
      ...(invoiceDate ? { invoiceDate: utcToIsoDate(invoiceDate) } : {}),
      kind: PaymentKindSchema.parse(payment.kind),
      amount: yenFromBigInt(payment.amount),
      withholdingTax: yenFromBigInt(payment.withholdingTax),
      netAmount: yenFromBigInt(item.netAmount),
      ...(item.result === 'paid' ? { result: { status: 'paid' as const } } : {}),
      ...(item.result === 'failed'
        ? { result: { status: 'failed' as const, reason: item.failureReason ?? '' } }
        : {}),
      payeeAccount: BankAccountSchema.parse(item.payeeAccount),
    };
  });
}

/**
 * One page of a vendor's payments. The transfer date is the 振込日 once paid, else the 振込予定日
 * of an approved (or, when it failed, settled) batch; from/to bound it. Sorted by the payment's
 * 振込日 (those not yet paid count as the latest) or by amount, then by due date.
 */
export async function listVendorRemittances(
  db: Db,
  vendorId: string,
  query: RemittanceListQuery,
): Promise<ListPage<Remittance>> {
  const range = searchRanges({ from: query.from, to: query.to }).dates;
  const where: Prisma.PaymentWhereInput = {
    vendorId,
    ...(query.from || query.to
      ? {
          OR: [
            { transferDate: range },
            { transferDate: null, batch: { ...ANNOUNCED_BATCH, transferDate: range } },
          ],
        }
      : {}),
  };
  const order: Prisma.PaymentOrderByWithRelationInput =
    query.sort === 'amount'
      ? { amount: query.order }
      : { transferDate: { sort: query.order, nulls: query.order === 'desc' ? 'first' : 'last' } };
  const [rows, total] = await Promise.all([
    db.payment.findMany({
      where,
      include: { batch: { select: { status: true, transferDate: true } } },
      orderBy: [order, { dueDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      ...pageWindow(query, (key) => ({ id: String(key.paymentId) })),
    }),
    db.payment.count({ where }),
  ]);
  return {
    items: rows.map((row) => {
      const announced = row.batch && ANNOUNCED_BATCH.status.in.includes(row.batch.status);
      const transferDate = row.transferDate ?? (announced ? row.batch?.transferDate : undefined);
      return {
        paymentId: row.id,
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoiceNumber,
        kind: PaymentKindSchema.parse(row.kind),
        amount: yenFromBigInt(row.amount),
        withholdingTax: yenFromBigInt(row.withholdingTax),
        netAmount: yenFromBigInt(row.netAmount),
        dueDate: utcToIsoDate(row.dueDate),
        status: PaymentStatusSchema.parse(row.status),
        ...(transferDate ? { transferDate: utcToIsoDate(transferDate) } : {}),
        ...(announced && row.batchId ? { batchId: row.batchId } : {}),
      };
    }),
    total,
  };
}

/** A 振込通知書 mail to send: one per approved batch and vendor with an address. */
export interface RemittanceMailKey {
  batchId: string;
  vendorId: string;
}

/**
 * Queues the batch's mails in the approval's transaction, one per vendor of the batch that has
 * an address, whether mail is on or not (the sender sends them once it is); a second approval of
 * the same batch (impossible, but) queues nothing more.
 */
export async function queueRemittanceMails(tx: Tx, batchId: string, at: Date): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO remittance_mails (batch_id, vendor_id, recipient, created_at, next_attempt_at)
    SELECT DISTINCT p.batch_id, v.id, v.email, ${at}::timestamptz, ${at}::timestamptz
    FROM payments p JOIN vendors v ON v.id = p.vendor_id
    WHERE p.batch_id = ${batchId}::uuid AND v.email IS NOT NULL
    ON CONFLICT DO NOTHING`;
}

/**
 * Mails not yet sent whose next try has come, oldest first, of batches transferring on or after
 * `transferredSince` (older ones are left unsent).
 */
export async function unsentRemittanceMails(
  db: Db | Tx,
  now: Date,
  transferredSince: string,
  limit: number,
): Promise<RemittanceMailKey[]> {
  return db.remittanceMail.findMany({
    where: {
      sentAt: null,
      nextAttemptAt: { lte: now },
      batch: { transferDate: { gte: new Date(transferredSince) } },
    },
    select: { batchId: true, vendorId: true },
    orderBy: [{ createdAt: 'asc' }, { batchId: 'asc' }, { vendorId: 'asc' }],
    take: limit,
  });
}

/**
 * Takes one due, unsent mail for a sender until `leaseUntil`, counting the attempt: its next try
 * moves to the lease's end in one UPDATE, so two runs or two instances never take the same mail
 * while the lease holds (a second UPDATE waits for the first to commit, then finds it not due).
 * Undefined when it is sent, not due, or taken. A sender that dies leaves it for after the lease.
 */
export async function claimRemittanceMail(
  tx: Tx,
  { batchId, vendorId }: RemittanceMailKey,
  now: Date,
  leaseUntil: Date,
): Promise<{ recipient: string; attempts: number } | undefined> {
  const rows = await tx.$queryRaw<{ recipient: string; attempts: number }[]>`
    UPDATE remittance_mails
    SET next_attempt_at = ${leaseUntil}::timestamptz, attempts = attempts + 1
    WHERE batch_id = ${batchId}::uuid AND vendor_id = ${vendorId}::uuid AND sent_at IS NULL
      AND next_attempt_at <= ${now}::timestamptz
    RETURNING recipient, attempts`;
  return rows[0];
}

/**
 * Records that the SMTP server accepted the mail; false when it was recorded already (a sender
 * whose lease ran out mid-send and another that took it over both sent it).
 */
export async function markRemittanceMailSent(
  tx: Tx,
  { batchId, vendorId }: RemittanceMailKey,
  at: Date,
): Promise<boolean> {
  const { count } = await tx.remittanceMail.updateMany({
    where: { batchId, vendorId, sentAt: null },
    data: { sentAt: at, lastError: null },
  });
  return count > 0;
}

/**
 * A refused or failed send (the attempt was counted when it was taken): kept with its error, and
 * tried again after `retryDelayMs`, which replaces the sender's lease.
 */
export async function recordRemittanceMailFailure(
  tx: Tx,
  { batchId, vendorId }: RemittanceMailKey,
  error: string,
  now: Date,
  retryDelayMs: number,
): Promise<void> {
  await tx.remittanceMail.updateMany({
    where: { batchId, vendorId, sentAt: null },
    data: {
      lastError: error.slice(0, 1000),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs),
    },
  });
}
