import type { DomainEvent } from '@denpyo/schemas';
import type { ProjectionUpdate } from '../db/contracts';

/**
 * The audit entry of what another service's event changed on a contract: the amounts after it,
 * and the event that caused it.
 */
export function projectionAudit(
  event: DomainEvent,
  action: string,
  contractId: string,
  amount: number,
  after: ProjectionUpdate,
) {
  return {
    action,
    entityType: 'contract',
    entityId: contractId,
    amount,
    counterparty: after.vendorId,
    after: {
      invoicedAmount: after.invoicedAmount,
      paidAmount: after.paidAmount,
      causedBy: event.id,
    },
  };
}
