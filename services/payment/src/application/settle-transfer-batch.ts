import { notFound, ok, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch } from '@denpyo/schemas';
import { markPaid, paymentsOfBatch } from '../db/payments';
import { findBatch, markSettled } from '../db/transfer-batches';
import { decideSettlement } from '../domain/transfer-batch';
import { BATCH_TIMEOUT_MS, type PaymentDeps } from './deps';

/**
 * Records that the bank executed an approved batch: its payments become paid, each announced
 * with PaymentExecuted. The batch is locked first, so settling twice at once settles once.
 */
export function makeSettleTransferBatch({ uow }: PaymentDeps) {
  return (id: string, caller: Caller): Promise<Outcome<TransferBatch>> =>
    uow.run(
      caller,
      async ({ tx, lock, now, actor, audit, publish }) => {
        await lock('transfer_batches', [id]);
        const before = await findBatch(tx, id);
        if (!before) return notFound('Transfer batch', id);
        const decision = decideSettlement(before);
        if (!decision.ok) return decision;
        const after = await markSettled(tx, id, actor, now);
        await markPaid(tx, id, before.transferDate);
        for (const payment of await paymentsOfBatch(tx, id)) {
          audit({
            action: 'payment.paid',
            entityType: 'payment',
            entityId: payment.id,
            amount: payment.amount,
            counterparty: payment.vendorId,
            before: { status: 'batched' },
            after: { status: payment.status, transferDate: before.transferDate },
          });
          publish('PaymentExecuted', payment.id, {
            paymentId: payment.id,
            invoiceId: payment.invoiceId,
            contractId: payment.contractId,
            vendorId: payment.vendorId,
            amount: payment.amount,
            transferDate: before.transferDate,
            batchId: id,
          });
        }
        audit({
          action: 'transfer-batch.settled',
          entityType: 'transfer_batch',
          entityId: id,
          amount: after.total,
          before,
          after,
        });
        return ok(after);
      },
      { timeoutMs: BATCH_TIMEOUT_MS },
    );
}
