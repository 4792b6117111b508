import { randomUUID } from 'node:crypto';
import {
  isUniqueViolation,
  ok,
  refuse,
  refuseField,
  signatureOf,
  type Caller,
  type Outcome,
} from '@denpyo/platform';
import type { Invoice, InvoiceCreateRequest } from '@denpyo/schemas';
import {
  insertReceivedInvoice,
  type InvoiceRecord,
  type NewEInvoiceOriginal,
} from '../db/invoices';
import type { Db } from '../db/prisma';
import {
  findContract,
  findContractYear,
  findVendor,
  reserveAmounts,
  type ContractProjection,
  type VendorProjection,
} from '../db/projections';
import { exceedsYear } from '../domain/fiscal-year';
import {
  assessInvoice,
  exceedsRemaining,
  refuseClosedContract,
  remainingAmount,
  type InvoiceReceipt,
} from '../domain/receipt';
import type { InvoiceDeps } from './deps';
import { presentInvoice } from './present-invoice';

/**
 * Receives an invoice against an approved contract: checks it with the receipt rules (its
 * figures as stated, its arrival date's deadlines), reserves its total on the contract and in
 * the fiscal year that bears it (one conditional update each, so concurrent invoices never exceed
 * the contract or a year of its schedule), numbers it in that year, and announces InvoiceReceived.
 */
export function makeReceiveInvoice({ db, uow, today }: InvoiceDeps) {
  return async (request: InvoiceCreateRequest, caller: Caller): Promise<Outcome<Invoice>> => {
    const contract = await findContract(db, request.contractId);
    if (!contract) {
      return refuseField('unprocessable', 'contractId', 'The contract is unknown or not approved');
    }
    const day = today();
    const assessed = await assessReceipt(db, request, contract, caller, day);
    if (!assessed.ok) return assessed;
    return recordReceipt(uow, assessed.value, caller, day);
  };
}

/** An invoice the receipt rules accept: its request, contract, vendor and figures. */
export interface AssessedInvoice {
  request: InvoiceCreateRequest;
  contract: ContractProjection;
  vendor: VendorProjection | undefined;
  receipt: InvoiceReceipt;
}

/**
 * The receipt rules applied to an invoice against its contract (what POST /api/invoices and an
 * e-invoice share). Decided before the transaction, so it holds its connection only for the
 * writes: the remaining-amount check here gives the clearest reason, and the conditional update
 * in recordReceipt is the one that counts.
 */
export async function assessReceipt(
  db: Db,
  request: InvoiceCreateRequest,
  contract: ContractProjection,
  caller: Caller,
  day: string,
): Promise<Outcome<AssessedInvoice>> {
  const vendor = await findVendor(db, contract.vendorId);
  const assessment = assessInvoice(request, contract, vendor, caller.user, day);
  if (!assessment.ok) return assessment;
  return ok({ request, contract, vendor, receipt: assessment.value });
}

/**
 * Records an assessed invoice in one transaction: reserves its total on the contract and its
 * fiscal year, numbers it, keeps an e-invoice's original beside it (a number already received for
 * the contract: 409), audits and announces InvoiceReceived — three round trips and the commit.
 */
export async function recordReceipt(
  uow: InvoiceDeps['uow'],
  { request, contract, receipt }: AssessedInvoice,
  caller: Caller,
  day: string,
  eInvoice?: NewEInvoiceOriginal,
): Promise<Outcome<Invoice>> {
  const outcome = await uow.run(caller, async ({ tx, sql, audit, publish }) => {
    const { contractId } = contract;
    const reserved = await reserveAmounts(tx, contractId, receipt.fiscalYear, receipt.total);
    if (!reserved.contract) {
      const current = await findContract(tx, contractId);
      if (current?.closedOutcome) return refuseClosedContract(current.closedOutcome);
      return refuse(
        'unprocessable',
        exceedsRemaining(receipt.total, current ? remainingAmount(current) : 0),
      );
    }
    if (!reserved.year) {
      const year = await findContractYear(tx, contractId, receipt.fiscalYear);
      // A contract's years are projected with it, and a restated schedule never drops one.
      if (!year) throw new Error(`Contract ${contractId} has no fiscal year ${receipt.fiscalYear}`);
      return refuse('unprocessable', exceedsYear(receipt.total, year));
    }
    // Numbered last (the counter's lock is held to commit); an invoice number already received
    // for the contract is refused by the unique key, which rolls the reservations back too.
    let created: InvoiceRecord;
    try {
      created = await insertReceivedInvoice(sql, {
        id: randomUUID(),
        vendorId: contract.vendorId,
        createdBy: signatureOf(caller.user),
        request,
        receipt,
        ...(eInvoice ? { eInvoice } : {}),
      });
    } catch (error) {
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
  return outcome.ok ? ok(presentInvoice(outcome.value, day)) : outcome;
}

function duplicate(invoiceNumber: string) {
  return refuse(
    'conflict',
    `Invoice number ${invoiceNumber} was already received for this contract`,
  );
}
