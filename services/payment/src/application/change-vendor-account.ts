import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { draftBatchesOfVendor, moveToAccount, paymentIdsOfVendor } from '../db/payments';
import { findBatch } from '../db/transfer-batches';
import { replaceBankAccount } from '../db/vendors';
import { CONSUMER_GROUP, SERVICE_ACTOR, type PaymentDeps } from './deps';

/**
 * A vendor's bank account change, approved under four eyes in the contract service (issue 13):
 * every payment of the vendor not yet in an approved batch (scheduled, confirmed, failed, or in
 * a draft) goes to the new account; payments of approved or settled batches keep the account
 * that was approved for the bank. The draft batches and then the payments are locked first, so
 * a concurrent approval either sees the new account or makes the payments keep the old one.
 */
export function makeChangeVendorAccount({ uow }: PaymentDeps) {
  return (event: EventOf<'VendorBankAccountChanged'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce(
      { event, consumer: CONSUMER_GROUP, actor: SERVICE_ACTOR },
      async ({ tx, lock, audit }) => {
        const change = event.payload;
        const candidates = await draftBatchesOfVendor(tx, change.vendorId);
        await lock('transfer_batches', candidates);
        const drafts: string[] = [];
        for (const batchId of candidates) {
          if ((await findBatch(tx, batchId))?.status === 'draft') drafts.push(batchId);
        }
        await lock('payments', await paymentIdsOfVendor(tx, change.vendorId));
        // A batch drafted between the two locks holds payments this change must reach: fail
        // this delivery (nothing is written), and the redelivery locks it too.
        const since = await draftBatchesOfVendor(tx, change.vendorId);
        if (since.some((batchId) => !candidates.includes(batchId))) {
          throw new Error('A transfer batch was drafted while the account changed; retrying');
        }
        await replaceBankAccount(
          tx,
          change.vendorId,
          change.bankAccount,
          new Date(change.approvedAt),
        );
        const moved = await moveToAccount(tx, change.vendorId, change.bankAccount, drafts);
        audit({
          action: 'vendor.bank-account-changed',
          entityType: 'vendor',
          entityId: change.vendorId,
          counterparty: change.vendorId,
          before: null,
          after: {
            changeId: change.changeId,
            bankAccount: change.bankAccount,
            requestedBy: change.requestedBy,
            approvedBy: change.approvedBy,
            paymentsMoved: moved,
          },
        });
        return ok(undefined);
      },
    );
}
