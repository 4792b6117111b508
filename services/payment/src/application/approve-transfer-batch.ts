import { notFound, ok, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch } from '@denpyo/schemas';
import { findBatch, markApproved } from '../db/transfer-batches';
import { decideApproval } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

/** The second pair of eyes: another treasurer approves a draft batch for the bank. */
export function makeApproveTransferBatch({ uow, today }: PaymentDeps) {
  return (id: string, caller: Caller): Promise<Outcome<TransferBatch>> =>
    uow.run(caller, async ({ tx, lock, now, actor, audit }) => {
      await lock('transfer_batches', [id]);
      const before = await findBatch(tx, id);
      if (!before) return notFound('Transfer batch', id);
      const decision = decideApproval(before, actor, today());
      if (!decision.ok) return decision;
      const after = await markApproved(tx, id, signatureOf(caller.user), now);
      audit({
        action: 'transfer-batch.approved',
        entityType: 'transfer_batch',
        entityId: id,
        amount: after.total,
        before,
        after,
      });
      return ok(after);
    });
}
