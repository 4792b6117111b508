import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { projectVendor, projectVendorBankAccount } from '../db/projections';
import { CONSUMER_GROUP, type InvoiceDeps } from './deps';

/** Keeps the vendor whose registration number invoices are checked against. */
export function makeRecordVendor({ uow }: InvoiceDeps) {
  return (event: EventOf<'VendorRegistered'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await projectVendor(tx, event.payload);
      return ok(undefined);
    });
}

/** Keeps the vendor's registered account, which e-invoices' stated payee accounts are compared with. */
export function makeRecordVendorBankAccount({ uow }: InvoiceDeps) {
  return (event: EventOf<'VendorBankAccountChanged'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await projectVendorBankAccount(tx, event.payload);
      return ok(undefined);
    });
}
