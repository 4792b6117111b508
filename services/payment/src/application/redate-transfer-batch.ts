import { notFound, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch, TransferBatchRedateRequest } from '@denpyo/schemas';
import { findPayments } from '../db/payments';
import { findBatch, redate, reloadBatch } from '../db/transfer-batches';
import {
  decideDraftChange,
  decideTransferDate,
  lateTransferErrors,
} from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

/** A draft batch moves to another transfer date, under the same rules as creating it. */
export function makeRedateTransferBatch({ uow, today }: PaymentDeps) {
  return async (
    id: string,
    { transferDate, lateReason }: TransferBatchRedateRequest,
    caller: Caller,
  ): Promise<Outcome<TransferBatch>> => {
    const date = decideTransferDate(transferDate, today());
    if (!date.ok) return date;
    return uow.run(caller, async ({ tx, lock, audit }) => {
      await lock('transfer_batches', [id]);
      const before = await findBatch(tx, id);
      if (!before) return notFound('Transfer batch', id);
      const decision = decideDraftChange(before, 're-dated');
      if (!decision.ok) return decision;
      const payments = await findPayments(tx, before.paymentIds);
      const late = lateTransferErrors(before.paymentIds, payments, transferDate, lateReason);
      if (late.length > 0) {
        return refuse('unprocessable', 'A transfer after a due date needs a lateReason', late);
      }
      await redate(tx, id, transferDate, lateReason);
      const after = await reloadBatch(tx, id);
      audit({
        action: 'transfer-batch.re-dated',
        entityType: 'transfer_batch',
        entityId: id,
        amount: after.total,
        before: { transferDate: before.transferDate, lateReason: before.lateReason ?? null },
        after: { transferDate, lateReason: lateReason ?? null },
      });
      return ok(after);
    });
  };
}
