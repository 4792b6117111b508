import { notFound, ok, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch } from '@denpyo/schemas';
import { closedYearsOf } from '../db/fiscal-years';
import { paymentsOfBatch } from '../db/payments';
import { queueRemittanceMails } from '../db/remittances';
import { findBatch, markApproved } from '../db/transfer-batches';
import { decideApproval, decideOpenYears } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

/**
 * The second pair of eyes: another treasurer approves a draft batch for the bank, only while
 * the fiscal years of its payments are open (出納閉鎖, 地方自治法 Art. 235-5). The years' shared
 * locks are held to commit, so a close waits for the approval and then sees the batch. From
 * then on each vendor learns of the transfer (振込通知書): one mail per vendor with an address is
 * queued in the same transaction, so it is sent iff the approval commits; queued while mail is
 * off too, it goes once mail is turned on (unless its transfer is long past by then).
 */
export function makeApproveTransferBatch({ uow, today }: PaymentDeps) {
  return (id: string, caller: Caller): Promise<Outcome<TransferBatch>> =>
    uow.run(caller, async ({ tx, lock, now, actor, audit }) => {
      await lock('transfer_batches', [id]);
      const before = await findBatch(tx, id);
      if (!before) return notFound('Transfer batch', id);
      const decision = decideApproval(before, actor, today());
      if (!decision.ok) return decision;
      const years = (await paymentsOfBatch(tx, id)).map((payment) => payment.fiscalYear);
      const open = decideOpenYears(years, await closedYearsOf(tx, years));
      if (!open.ok) return open;
      const after = await markApproved(tx, id, signatureOf(caller.user), now);
      await queueRemittanceMails(tx, id, now);
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
