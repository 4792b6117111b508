import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { projectApprovedContract } from '../db/projections';
import { CONSUMER_GROUP, type InvoiceDeps } from './deps';

/** Keeps the approved contract invoices are received against, with what is left of it. */
export function makeRecordApprovedContract({ uow }: InvoiceDeps) {
  return (event: EventOf<'ContractApproved'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await projectApprovedContract(tx, event.payload);
      return ok(undefined);
    });
}
