import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Invoice, RejectRequest } from '@denpyo/schemas';
import { changeInvoiceStatus } from '../db/invoices';
import { releaseContractAmount } from '../db/projections';
import type { InvoiceDeps } from './deps';
import { lockForTransition, statusAudit } from './invoice-transition';
import { presentInvoice } from './present-invoice';

/**
 * Rejects an invoice before its payment order, giving what it still reserved (its total less its
 * credit notes) back to the contract and to the fiscal year that bore it.
 */
export function makeRejectInvoice({ uow, today }: InvoiceDeps) {
  return async (
    id: string,
    { reason }: RejectRequest,
    caller: Caller,
  ): Promise<Outcome<Invoice>> => {
    const outcome = await uow.run(caller, async (unit) => {
      const locked = await lockForTransition(unit, id, 'reject');
      if (!locked.ok) return locked;
      const before = locked.value;
      // What credit notes returned was released when they were received.
      await releaseContractAmount(unit.tx, { ...before, total: before.payableTotal });
      const after = await changeInvoiceStatus(unit.tx, id, {
        action: 'reject',
        by: unit.actor,
        at: unit.now,
        reason,
      });
      unit.audit(statusAudit(before, after));
      unit.publish('InvoiceRejected', id, {
        invoiceId: id,
        contractId: after.contractId,
        total: after.total,
        reason,
        payableTotal: after.payableTotal,
      });
      return ok(after);
    });
    return outcome.ok ? ok(presentInvoice(outcome.value, today())) : outcome;
  };
}
