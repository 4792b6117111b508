import { notFound, ok, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch, TransferBatchCancelRequest } from '@denpyo/schemas';
import { returnToConfirmed } from '../db/payments';
import { findBatch, markCancelled, reloadBatch } from '../db/transfer-batches';
import { decideDraftChange } from '../domain/transfer-batch';
import { BATCH_TIMEOUT_MS, type PaymentDeps } from './deps';

/** A draft batch is withdrawn: its payments return to confirmed, to be batched again. */
export function makeCancelTransferBatch({ uow }: PaymentDeps) {
  return (
    id: string,
    { reason }: TransferBatchCancelRequest,
    caller: Caller,
  ): Promise<Outcome<TransferBatch>> =>
    uow.run(
      caller,
      async ({ tx, lock, now, actor, audit }) => {
        await lock('transfer_batches', [id]);
        const before = await findBatch(tx, id);
        if (!before) return notFound('Transfer batch', id);
        const decision = decideDraftChange(before, 'cancelled');
        if (!decision.ok) return decision;
        await lock('payments', before.paymentIds);
        await markCancelled(tx, id, actor, now);
        await returnToConfirmed(tx, id);
        for (const paymentId of before.paymentIds) {
          audit({
            action: 'payment.unbatched',
            entityType: 'payment',
            entityId: paymentId,
            before: { status: 'batched', batchId: id },
            after: { status: 'confirmed' },
          });
        }
        const after = await reloadBatch(tx, id);
        audit({
          action: 'transfer-batch.cancelled',
          entityType: 'transfer_batch',
          entityId: id,
          amount: after.total,
          before,
          after: { ...after, ...(reason ? { reason } : {}) },
        });
        return ok(after);
      },
      { timeoutMs: BATCH_TIMEOUT_MS },
    );
}
