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
 * an address; a second approval of the same batch (impossible, but) queues nothing more.
 */
export async function queueRemittanceMails(tx: Tx, batchId: string, at: Date): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO remittance_mails (batch_id, vendor_id, recipient, created_at, next_attempt_at)
    SELECT DISTINCT p.batch_id, v.id, v.email, ${at}::timestamptz, ${at}::timestamptz
    FROM payments p JOIN vendors v ON v.id = p.vendor_id
    WHERE p.batch_id = ${batchId}::uuid AND v.email IS NOT NULL
    ON CONFLICT DO NOTHING`;
}

/** Mails not yet sent whose next try has come, oldest first. */
export async function unsentRemittanceMails(
  db: Db | Tx,
  now: Date,
  limit: number,
): Promise<RemittanceMailKey[]> {
  return db.remittanceMail.findMany({
    where: { sentAt: null, nextAttemptAt: { lte: now } },
    select: { batchId: true, vendorId: true },
    orderBy: [{ createdAt: 'asc' }, { batchId: 'asc' }, { vendorId: 'asc' }],
    take: limit,
  });
}

/**
 * Locks one unsent mail for sending, skipping it when another sender holds it; undefined when
 * it is sent already or held. The lock lasts until the sender's transaction ends.
 */
export async function claimRemittanceMail(
  tx: Tx,
  { batchId, vendorId }: RemittanceMailKey,
): Promise<{ recipient: string } | undefined> {
  const rows = await tx.$queryRaw<{ recipient: string }[]>`
    SELECT recipient FROM remittance_mails
    WHERE batch_id = ${batchId}::uuid AND vendor_id = ${vendorId}::uuid AND sent_at IS NULL
    FOR UPDATE SKIP LOCKED`;
  return rows[0];
}

export async function markRemittanceMailSent(
  tx: Tx,
  { batchId, vendorId }: RemittanceMailKey,
  at: Date,
): Promise<void> {
  await tx.remittanceMail.update({
    where: { batchId_vendorId: { batchId, vendorId } },
    data: { sentAt: at, attempts: { increment: 1 }, lastError: null },
  });
}

/**
 * A refused or failed send: counted and kept with its error, and tried again once `retryDelayMs`
 * (given the attempts so far) has passed. Locks the row, so it waits for a send in hand.
 */
export async function recordRemittanceMailFailure(
  tx: Tx,
  { batchId, vendorId }: RemittanceMailKey,
  error: string,
  now: Date,
  retryDelayMs: (attempts: number) => number,
): Promise<void> {
  const [row] = await tx.$queryRaw<{ attempts: number }[]>`
    SELECT attempts FROM remittance_mails
    WHERE batch_id = ${batchId}::uuid AND vendor_id = ${vendorId}::uuid AND sent_at IS NULL
    FOR UPDATE`;
  if (!row) return;
  const attempts = row.attempts + 1;
  await tx.remittanceMail.update({
    where: { batchId_vendorId: { batchId, vendorId } },
    data: {
      attempts,
      lastError: error.slice(0, 1000),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
    },
  });
}
