import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { amendContract, closeContract } from '../db/projections';
import { CONSUMER_GROUP, type InvoiceDeps } from './deps';

// A contract this service has not seen approved has nothing to change: the contract topic is
// ordered per contract, so its ContractApproved always comes first.

/** A change contract (変更契約): the remaining amount is counted from the new amount. */
export function makeRecordContractAmendment({ uow }: InvoiceDeps) {
  return (event: EventOf<'ContractAmended'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await amendContract(tx, event.payload);
      return ok(undefined);
    });
}

/** A completed or cancelled contract takes no new invoices. */
export function makeRecordContractClosure({ uow }: InvoiceDeps) {
  return (event: EventOf<'ContractClosed'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now }) => {
      await closeContract(tx, event.payload, now);
      return ok(undefined);
    });
}
