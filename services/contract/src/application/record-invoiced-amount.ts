import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { addInvoicedAmount } from '../db/contracts';
import { CONSUMER_GROUP, type ContractDeps } from './deps';
import { projectionAudit } from './projection-audit';

/** Adds a received invoice's total to what has been invoiced against its contract. */
export function makeRecordInvoicedAmount({ uow }: ContractDeps) {
  return (event: EventOf<'InvoiceReceived'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now, audit }) => {
      const { contractId, total } = event.payload;
      const after = await addInvoicedAmount(tx, contractId, total, now);
      audit(projectionAudit(event, 'contract.invoiced', contractId, total, after));
      return ok(undefined);
    });
}
