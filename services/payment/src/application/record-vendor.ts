import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { fillMissingPayeeAccounts } from '../db/payments';
import { upsertVendor } from '../db/vendors';
import { CONSUMER_GROUP, type PaymentDeps } from './deps';

/**
 * Keeps the vendor's bank account, which transfer batches and Zengin files need, and gives it
 * to the vendor's payments that were ordered before the vendor was known here.
 */
export function makeRecordVendor({ uow }: PaymentDeps) {
  return (event: EventOf<'VendorRegistered'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await upsertVendor(tx, event.payload, new Date(event.occurredAt));
      await fillMissingPayeeAccounts(tx, event.payload.vendorId);
      return ok(undefined);
    });
}
