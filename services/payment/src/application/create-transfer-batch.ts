import { randomUUID } from 'node:crypto';
import { ok, refuse, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch, TransferBatchCreateRequest } from '@denpyo/schemas';
import { closedYearsOf } from '../db/fiscal-years';
import { findPayments, markBatched } from '../db/payments';
import { insertBatch, reloadBatch } from '../db/transfer-batches';
import { findVendors } from '../db/vendors';
import { bankAccountProblem } from '../domain/bank-account';
import { decideBatchMembers, decideTransferDate } from '../domain/transfer-batch';
import { BATCH_TIMEOUT_MS, type PaymentDeps } from './deps';

/**
 * Drafts a transfer batch from confirmed payments. The payments are locked before they are
 * checked, so a concurrent batch naming one of them waits, then finds it batched: a payment is
 * never in two batches. Each vendor's bank account is copied onto the batch, so what the
 * second treasurer approves is what the Zengin file pays. A transfer after a due date is
 * recorded with its reason.
 */
export function makeCreateTransferBatch({ uow, today }: PaymentDeps) {
  return async (
    { transferDate, paymentIds, lateReason }: TransferBatchCreateRequest,
    caller: Caller,
  ): Promise<Outcome<TransferBatch>> => {
    const date = decideTransferDate(transferDate, today());
    if (!date.ok) return date;
    return uow.run(
      caller,
      async ({ tx, lock, now, actor, audit }) => {
        await lock('payments', paymentIds);
        const payments = await findPayments(tx, paymentIds);
        const vendors = await findVendors(
          tx,
          payments.map((payment) => payment.vendorId),
        );
        const closed = await closedYearsOf(
          tx,
          payments.map((payment) => payment.fiscalYear),
        );
        const members = decideBatchMembers(
          paymentIds,
          payments,
          (vendorId) => bankAccountProblem(vendors.get(vendorId)?.bankAccount),
          closed,
          { transferDate, lateReason },
        );
        if (!members.ok) return members;
        const total = members.value;

        const id = randomUUID();
        await insertBatch(tx, {
          id,
          transferDate,
          count: payments.length,
          total,
          createdBy: signatureOf(caller.user),
          createdAt: now,
          ...(lateReason ? { lateReason } : {}),
        });
        // The update itself re-checks what the locks guarantee, so a payment can never be
        // batched twice even if a future write path forgets to lock.
        if ((await markBatched(tx, paymentIds, id)) !== paymentIds.length) {
          return refuse('conflict', 'A payment changed while the batch was assembled; retry');
        }
        for (const payment of payments) {
          audit({
            action: 'payment.batched',
            entityType: 'payment',
            entityId: payment.id,
            amount: payment.amount,
            counterparty: payment.vendorId,
            before: { status: payment.status },
            after: { status: 'batched', batchId: id },
          });
        }
        const created = await reloadBatch(tx, id);
        audit({
          action: 'transfer-batch.created',
          entityType: 'transfer_batch',
          entityId: id,
          amount: total,
          before: null,
          after: { ...created, createdBy: actor },
        });
        return ok(created);
      },
      { timeoutMs: BATCH_TIMEOUT_MS },
    );
  };
}
