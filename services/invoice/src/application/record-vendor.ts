import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { projectVendor } from '../db/projections';
import { CONSUMER_GROUP, type InvoiceDeps } from './deps';

/** Keeps the vendor whose registration number invoices are checked against. */
export function makeRecordVendor({ uow }: InvoiceDeps) {
  return (event: EventOf<'VendorRegistered'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await projectVendor(tx, event.payload);
      return ok(undefined);
    });
}
