import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { addInvoicedAmount } from '../db/contracts';
import { CONSUMER_GROUP, type ContractDeps } from './deps';
import { projectionAudit } from './projection-audit';

/** Gives a rejected invoice's total back to its contract. */
export function makeReleaseInvoicedAmount({ uow }: ContractDeps) {
  return (event: EventOf<'InvoiceRejected'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now, audit }) => {
      const { contractId, total } = event.payload;
      const after = await addInvoicedAmount(tx, contractId, -total, now);
      audit(projectionAudit(event, 'contract.invoiceReleased', contractId, total, after));
      return ok(undefined);
    });
}
