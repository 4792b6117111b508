import { randomUUID } from 'node:crypto';
import {
  isUniqueViolation,
  nextDocumentSequence,
  ok,
  refuse,
  refuseField,
  type Caller,
  type Outcome,
} from '@denpyo/platform';
import type { InvoiceCreateRequest } from '@denpyo/schemas';
import { findInvoiceByNumber, insertInvoice, type InvoiceView } from '../db/invoices';
import { findContract, findVendor, reserveContractAmount } from '../db/projections';
import { formatDocumentNumber } from '../domain/document-number';
import { assessInvoice, exceedsRemaining, remainingAmount } from '../domain/receipt';
import type { InvoiceDeps } from './deps';

/**
 * Receives an invoice against an approved contract: checks it with the receipt rules, reserves
 * its total on the contract (one conditional update, so concurrent invoices never exceed the
 * contract), numbers it, and announces InvoiceReceived.
 */
export function makeReceiveInvoice({ db, uow, today }: InvoiceDeps) {
  return async (request: InvoiceCreateRequest, caller: Caller): Promise<Outcome<InvoiceView>> => {
    // Decided before the transaction, so it holds its connection only for the writes: the
    // remaining-amount check here gives the clearest reason, and the conditional update inside
    // is the one that counts.
    const contract = await findContract(db, request.contractId);
    if (!contract) {
      return refuseField('unprocessable', 'contractId', 'The contract is unknown or not approved');
    }
    const vendor = await findVendor(db, contract.vendorId);
    const assessment = assessInvoice(request, contract, vendor, caller.user, today());
    if (!assessment.ok) return assessment;
    const receipt = assessment.value;

    return uow.run(caller, async ({ tx, sql, audit, publish }) => {
      if (await findInvoiceByNumber(tx, request.contractId, request.invoiceNumber)) {
        return duplicate(request.invoiceNumber);
      }
      if (!(await reserveContractAmount(tx, contract.contractId, receipt.total))) {
        const current = await findContract(tx, contract.contractId);
        return refuse(
          'unprocessable',
          exceedsRemaining(receipt.total, current ? remainingAmount(current) : 0),
        );
      }
      const sequence = await nextDocumentSequence(sql, 'IV', contract.fiscalYear);
      let created: InvoiceView;
      try {
        created = await insertInvoice(tx, {
          id: randomUUID(),
          documentNumber: formatDocumentNumber('IV', contract.fiscalYear, sequence),
          vendorId: contract.vendorId,
          createdBy: caller.user.username,
          request,
          receipt,
        });
      } catch (error) {
        // A concurrent receipt of the same number committed first.
        if (!isUniqueViolation(error)) throw error;
        return duplicate(request.invoiceNumber);
      }
      audit({
        action: 'invoice.received',
        entityType: 'invoice',
        entityId: created.id,
        amount: created.total,
        counterparty: created.vendorId,
        before: null,
        after: created,
      });
      publish('InvoiceReceived', created.id, {
        invoiceId: created.id,
        contractId: created.contractId,
        vendorId: created.vendorId,
        invoiceNumber: created.invoiceNumber,
        total: created.total,
        receivedOn: created.receivedOn,
        dueDate: created.dueDate,
      });
      return ok(created);
    });
  };
}

function duplicate(invoiceNumber: string) {
  return refuse(
    'conflict',
    `Invoice number ${invoiceNumber} was already received for this contract`,
  );
}
