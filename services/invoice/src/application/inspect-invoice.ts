import { ok, type Caller, type Outcome } from '@denpyo/platform';
import { changeInvoiceStatus, type InvoiceView } from '../db/invoices';
import type { InvoiceDeps } from './deps';
import { lockForTransition, statusAudit } from './invoice-transition';

/** Records the inspection (検収) of a received invoice. */
export function makeInspectInvoice({ uow }: InvoiceDeps) {
  return (id: string, caller: Caller): Promise<Outcome<InvoiceView>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockForTransition(unit, id, 'inspect');
      if (!locked.ok) return locked;
      const before = locked.value;
      const after = await changeInvoiceStatus(unit.tx, id, {
        action: 'inspect',
        by: unit.actor,
        at: unit.now,
      });
      unit.audit(statusAudit(before, after));
      unit.publish('InvoiceInspected', id, {
        invoiceId: id,
        contractId: after.contractId,
        inspectedBy: unit.actor,
      });
      return ok(after);
    });
}
