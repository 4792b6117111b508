import { ok, refuse, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { Invoice } from '@denpyo/schemas';
import { orderInvoicePayment } from '../db/invoices';
import { findContract, isFiscalYearClosed } from '../db/projections';
import { decideOrderWithinContract } from '../domain/encumbrance';
import { decideOrderFiscalYear } from '../domain/fiscal-year';
import { decidePaymentOrderer } from '../domain/separation-of-duties';
import type { InvoiceDeps } from './deps';
import { lockForTransition, statusAudit } from './invoice-transition';
import { presentInvoice } from './present-invoice';

/**
 * Issues the payment order (支出命令) for an inspected invoice in the fiscal year that bears it
 * (refused once that year is closed) and within what is left of the contract's encumbrance (and
 * of the year's, for a multi-year contract), numbered in that year, and announces PaymentOrdered,
 * from which the payment service schedules the payment for the 会計管理者 to confirm.
 */
export function makeOrderPayment({ uow, today }: InvoiceDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Invoice>> => {
    const outcome = await uow.run(caller, async (unit) => {
      const locked = await lockForTransition(unit, id, 'approve');
      if (!locked.ok) return locked;
      const before = locked.value;
      const orderer = decidePaymentOrderer(unit.actor, {
        createdBy: before.createdBy,
        inspectedBy: before.inspectedBy ?? null,
      });
      if (!orderer.ok) return orderer;
      if (before.payableTotal === 0) {
        return refuse(
          'unprocessable',
          '返還請求書により支払額が0円になった請求書は支出命令できません。返戻してください',
        );
      }
      const year = decideOrderFiscalYear(
        before.fiscalYear,
        await isFiscalYearClosed(unit.tx, before.fiscalYear),
      );
      if (!year.ok) return year;
      const contract = await findContract(unit.tx, before.contractId);
      // The invoices table references the contract, so it is always there.
      if (!contract) throw new Error(`Contract ${before.contractId} of invoice ${id} is missing`);
      const within = decideOrderWithinContract(contract, year.value);
      if (!within.ok) return within;
      const signature = signatureOf(caller.user);
      // Numbered last: the counter's lock is held from this statement to commit.
      const after = await orderInvoicePayment(unit.sql, before, {
        by: signature,
        at: unit.now,
        fiscalYear: year.value,
      });
      unit.audit(statusAudit(before, after));
      unit.publish('PaymentOrdered', id, {
        invoiceId: id,
        contractId: after.contractId,
        vendorId: after.vendorId,
        invoiceNumber: after.invoiceNumber,
        // What is paid: the total less the credit notes received before the order.
        amount: after.payableTotal,
        dueDate: after.dueDate,
        orderedBy: unit.actor,
        documentNumber: after.paymentOrderNumber,
        withholdingTax: after.withholdingTax,
        netAmount: after.netAmount,
        fiscalYear: year.value,
        ...(contract.concludedOn ? { contractConcludedOn: contract.concludedOn } : {}),
        orderedBySignature: signature,
        invoiceDate: after.issueDate,
      });
      return ok(after);
    });
    return outcome.ok ? ok(presentInvoice(outcome.value, today())) : outcome;
  };
}
