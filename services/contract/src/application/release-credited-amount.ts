import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { addInvoicedAmount } from '../db/contracts';
import { CONSUMER_GROUP, type ContractDeps } from './deps';
import { projectionAudit } from './projection-audit';

/**
 * Takes what a credit note (返還請求書) returned off what has been invoiced against its
 * contract. The invoice service announces each credit note once, so the inbox applies it once.
 */
export function makeReleaseCreditedAmount({ uow }: ContractDeps) {
  return (event: EventOf<'InvoiceCredited'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now, audit }) => {
      const { contractId, creditedTotal } = event.payload;
      const after = await addInvoicedAmount(tx, contractId, -creditedTotal, now);
      audit(projectionAudit(event, 'contract.invoiceCredited', contractId, creditedTotal, after));
      return ok(undefined);
    });
}
