import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { addInvoicedAmount } from '../db/contracts';
import { CONSUMER_GROUP, type ContractDeps } from './deps';
import { projectionAudit } from './projection-audit';

/**
 * Gives what a rejected invoice still counted back to its contract: its total less the credit
 * notes that InvoiceCredited already took off.
 */
export function makeReleaseInvoicedAmount({ uow }: ContractDeps) {
  return (event: EventOf<'InvoiceRejected'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now, audit }) => {
      const { contractId, total, payableTotal = total } = event.payload;
      const after = await addInvoicedAmount(tx, contractId, -payableTotal, now);
      audit(projectionAudit(event, 'contract.invoiceReleased', contractId, payableTotal, after));
      return ok(undefined);
    });
}
