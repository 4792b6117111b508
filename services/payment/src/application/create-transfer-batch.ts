import { randomUUID } from 'node:crypto';
import { ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch, TransferBatchCreateRequest } from '@denpyo/schemas';
import { findPayments, markBatched } from '../db/payments';
import { insertBatch, reloadBatch } from '../db/transfer-batches';
import { findVendors } from '../db/vendors';
import { bankAccountProblem } from '../domain/bank-account';
import { decideBatchMembers, decideTransferDate } from '../domain/transfer-batch';
import { BATCH_TIMEOUT_MS, type PaymentDeps } from './deps';

/**
 * Drafts a transfer batch from scheduled payments. The payments are locked before they are
 * checked, so a concurrent batch naming one of them waits, then finds it batched: a payment is
 * never in two batches. Each vendor's bank account is copied onto its payment, so what the
 * second accountant approves is what the Zengin file pays.
 */
export function makeCreateTransferBatch({ uow, today }: PaymentDeps) {
  return async (
    { transferDate, paymentIds }: TransferBatchCreateRequest,
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
        const members = decideBatchMembers(paymentIds, payments, (vendorId) =>
          bankAccountProblem(vendors.get(vendorId)?.bankAccount),
        );
        if (!members.ok) return members;
        const total = members.value;

        const id = randomUUID();
        await insertBatch(tx, {
          id,
          transferDate,
          count: payments.length,
          total,
          createdBy: actor,
          createdAt: now,
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
          after: created,
        });
        return ok(created);
      },
      { timeoutMs: BATCH_TIMEOUT_MS },
    );
  };
}
