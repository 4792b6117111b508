import { createHash, randomUUID } from 'node:crypto';
import type { EInvoiceDocument } from '@denpyo/jp-pint';
import {
  isUniqueViolation,
  notFound,
  ok,
  refuse,
  signatureOf,
  type Caller,
  type Outcome,
} from '@denpyo/platform';
import type { Invoice } from '@denpyo/schemas';
import {
  findInvoice,
  findInvoiceByNumber,
  insertCreditNote,
  type InvoiceRecord,
} from '../db/invoices';
import {
  findVendor,
  releaseContractAmount,
  type ContractProjection,
  type VendorProjection,
} from '../db/projections';
import {
  creditedInvoiceNumber,
  CREDIT_NOTE_ELEMENTS,
  CREDIT_NOTE_RULES,
  decideCredit,
  onCreditNote,
  toCreditFigures,
  type CreditFigures,
} from '../domain/credit-note';
import { checkCorporateNumber, inEInvoiceTerms, refuseRule } from '../domain/e-invoice';
import { decideIssueDate, decideQualified } from '../domain/receipt';
import type { InvoiceDeps } from './deps';
import { presentInvoice } from './present-invoice';

/** A credit note read and matched to the invoice it corrects, as that invoice stood. */
export interface AssessedCreditNote {
  document: EInvoiceDocument;
  invoice: InvoiceRecord;
  vendor: VendorProjection | undefined;
  figures: CreditFigures;
  xml: Buffer;
}

/**
 * The checks of a credit note against the contract it names: the one invoice it corrects must be
 * that contract's (and so its vendor's), the seller's T-number and 法人番号 the vendor's as for an
 * invoice, its date within the claim rules, and the invoice still reducible by what it returns.
 * Decided before the transaction for the clearest reason; recordCreditNote decides again under
 * the invoice's lock.
 */
export async function assessCreditNote(
  { db, today }: InvoiceDeps,
  document: EInvoiceDocument,
  xml: Buffer,
  contract: ContractProjection,
  contractElement: string,
): Promise<Outcome<AssessedCreditNote>> {
  const number = creditedInvoiceNumber(document);
  if (!number.ok) return number;
  const found = await findInvoiceByNumber(db, contract.contractId, number.value);
  const invoice = found && (await findInvoice(db, found.id));
  if (!invoice) {
    return refuseRule(
      CREDIT_NOTE_RULES.billingReference,
      CREDIT_NOTE_ELEMENTS.billingReference,
      `契約 ${contract.documentNumber} の請求書 ${number.value} は受け付けられていません`,
    );
  }
  const vendor = await findVendor(db, contract.vendorId);
  const seller = decideQualified(document.seller.registrationNumber, vendor);
  if (!seller.ok) return onCreditNote(inEInvoiceTerms(seller, contractElement));
  const corporateNumber = checkCorporateNumber(document, vendor);
  if (!corporateNumber.ok) return onCreditNote(corporateNumber);
  const issued = decideIssueDate(document.issueDate, today());
  if (!issued.ok) return onCreditNote(inEInvoiceTerms(issued, contractElement));
  const figures = toCreditFigures(document);
  if (!figures.ok) return figures;
  const credit = decideCredit(invoice, figures.value);
  if (!credit.ok) return credit;
  return ok({ document, invoice, vendor, figures: figures.value, xml });
}

/**
 * Records a credit note in one transaction: under the invoice's lock decides again whether the
 * invoice may be reduced (it may have been ordered meanwhile), keeps the XML with its SHA-256,
 * releases the credited total from the invoice's reservation on the contract and its fiscal year,
 * audits invoice.credited and announces InvoiceCredited (the contract service's count). The same
 * credit note number twice for the invoice is 409.
 */
export async function recordCreditNote(
  { uow, today }: InvoiceDeps,
  { document, invoice, figures, xml }: AssessedCreditNote,
  caller: Caller,
): Promise<Outcome<Invoice>> {
  const outcome = await uow.run(caller, async ({ tx, lock, audit, publish }) => {
    await lock('invoices', [invoice.id]);
    const before = await findInvoice(tx, invoice.id);
    if (!before) return notFound('Invoice', invoice.id);
    const credit = decideCredit(before, figures);
    if (!credit.ok) return credit;
    if (before.credits.some((known) => known.creditNoteNumber === document.invoiceNumber)) {
      return duplicate(document.invoiceNumber);
    }
    const creditNoteId = randomUUID();
    try {
      await insertCreditNote(tx, {
        id: creditNoteId,
        invoiceId: before.id,
        creditNoteNumber: document.invoiceNumber,
        issueDate: document.issueDate,
        taxes: figures.taxes,
        total: figures.total,
        xml,
        sha256: createHash('sha256').update(xml).digest('hex'),
        createdBy: signatureOf(caller.user),
      });
    } catch (error) {
      // A concurrent receipt of the same credit note committed first.
      if (!isUniqueViolation(error)) throw error;
      return duplicate(document.invoiceNumber);
    }
    await releaseContractAmount(tx, { ...before, total: figures.total });
    const after = await findInvoice(tx, before.id);
    if (!after) throw new Error(`Invoice ${before.id} vanished while credited`);
    audit({
      action: 'invoice.credited',
      entityType: 'invoice',
      entityId: after.id,
      amount: figures.total,
      counterparty: after.vendorId,
      before,
      after,
    });
    // Keyed by the invoice, as InvoiceReceived and InvoiceRejected, so consumers see them in order.
    publish('InvoiceCredited', after.id, {
      invoiceId: after.id,
      contractId: after.contractId,
      vendorId: after.vendorId,
      creditNoteId,
      creditNoteNumber: document.invoiceNumber,
      creditedTotal: figures.total,
    });
    return ok(after);
  });
  return outcome.ok ? ok(presentInvoice(outcome.value, today())) : outcome;
}

function duplicate(creditNoteNumber: string) {
  return refuse('conflict', `返還請求書 ${creditNoteNumber} はこの請求書に対して受付済みです`);
}
