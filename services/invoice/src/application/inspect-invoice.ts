import { ok, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { Invoice } from '@denpyo/schemas';
import { changeInvoiceStatus } from '../db/invoices';
import { deadlineAtInspection } from '../domain/deadlines';
import { decideInspector } from '../domain/separation-of-duties';
import type { InvoiceDeps } from './deps';
import { lockForTransition, statusAudit } from './invoice-transition';
import { presentInvoice } from './present-invoice';

/**
 * Records the inspection (検収) of a received invoice, by someone other than who registered it;
 * an inspection after its deadline shortens the payment period by the days it was late.
 */
export function makeInspectInvoice({ uow, today }: InvoiceDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Invoice>> => {
    const inspectedOn = today();
    const outcome = await uow.run(caller, async (unit) => {
      const locked = await lockForTransition(unit, id, 'inspect');
      if (!locked.ok) return locked;
      const before = locked.value;
      const inspector = decideInspector(unit.actor, before);
      if (!inspector.ok) return inspector;
      const deadline = deadlineAtInspection(before, inspectedOn);
      const after = await changeInvoiceStatus(unit.tx, id, {
        action: 'inspect',
        by: signatureOf(caller.user),
        at: unit.now,
        dueDate: deadline.dueDate,
        lateDays: deadline.lateDays,
      });
      unit.audit(statusAudit(before, after));
      unit.publish('InvoiceInspected', id, {
        invoiceId: id,
        contractId: after.contractId,
        inspectedBy: unit.actor,
      });
      return ok(after);
    });
    return outcome.ok ? ok(presentInvoice(outcome.value, inspectedOn)) : outcome;
  };
}
