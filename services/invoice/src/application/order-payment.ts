import { nextDocumentSequence, ok, type Caller, type Outcome } from '@denpyo/platform';
import { changeInvoiceStatus, type InvoiceView } from '../db/invoices';
import { findContract } from '../db/projections';
import { formatDocumentNumber } from '../domain/document-number';
import { decidePaymentOrderer } from '../domain/separation-of-duties';
import type { InvoiceDeps } from './deps';
import { lockForTransition, statusAudit } from './invoice-transition';

/**
 * Issues the payment order (支出命令) for an inspected invoice, numbered in the contract's
 * fiscal year, and announces PaymentOrdered, from which the payment service schedules it.
 */
export function makeOrderPayment({ uow }: InvoiceDeps) {
  return (id: string, caller: Caller): Promise<Outcome<InvoiceView>> =>
    uow.run(caller, async (unit) => {
      const locked = await lockForTransition(unit, id, 'approve');
      if (!locked.ok) return locked;
      const before = locked.value;
      const orderer = decidePaymentOrderer(unit.actor, {
        createdBy: before.createdBy,
        inspectedBy: before.inspectedBy ?? null,
      });
      if (!orderer.ok) return orderer;
      const contract = await findContract(unit.tx, before.contractId);
      // The invoices table references the contract, so it is always there.
      if (!contract) throw new Error(`Contract ${before.contractId} of invoice ${id} is missing`);
      const sequence = await nextDocumentSequence(unit.sql, 'PO', contract.fiscalYear);
      const paymentOrderNumber = formatDocumentNumber('PO', contract.fiscalYear, sequence);
      const after = await changeInvoiceStatus(unit.tx, id, {
        action: 'approve',
        by: unit.actor,
        at: unit.now,
        paymentOrderNumber,
      });
      unit.audit(statusAudit(before, after));
      unit.publish('PaymentOrdered', id, {
        invoiceId: id,
        contractId: after.contractId,
        vendorId: after.vendorId,
        invoiceNumber: after.invoiceNumber,
        amount: after.total,
        dueDate: after.dueDate,
        orderedBy: unit.actor,
        documentNumber: paymentOrderNumber,
      });
      return ok(after);
    });
}
