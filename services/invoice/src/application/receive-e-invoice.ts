import { createHash } from 'node:crypto';
import { readJpPint, type EInvoiceDocument } from '@denpyo/jp-pint';
import {
  ok,
  refuse,
  refuseIfOtherVendors,
  zodFieldErrors,
  type Caller,
  type Outcome,
} from '@denpyo/platform';
import {
  E_INVOICE_MAX_BYTES,
  InvoiceCreateRequestSchema,
  type EInvoicePreview,
  type Invoice,
} from '@denpyo/schemas';
import type { NewEInvoiceOriginal } from '../db/invoices';
import { findContractByReference, type ContractProjection } from '../db/projections';
import {
  checkCorporateNumber,
  checkEInvoice,
  checkPayable,
  checkWithholding,
  contractReference,
  inEInvoiceTerms,
  payeeAccountDiffers,
  refuseUnknownContract,
  refuseViolations,
  toInvoiceRequest,
} from '../domain/e-invoice';
import { onCreditNote } from '../domain/credit-note';
import type { InvoiceDeps } from './deps';
import { assessCreditNote, recordCreditNote, type AssessedCreditNote } from './receive-credit-note';
import { assessReceipt, recordReceipt, type AssessedInvoice } from './receive-invoice';

/** An e-invoice read, matched to its contract and vendor, and accepted by the receipt rules. */
interface ReadEInvoice {
  document: EInvoiceDocument;
  assessed: AssessedInvoice;
  original: NewEInvoiceOriginal;
}

/** A JP PINT document read, with the contract it names and the element that names it. */
interface ReadDocument {
  document: EInvoiceDocument;
  contract: ContractProjection;
  element: string;
}

/**
 * Reads a JP PINT invoice or credit note (400 when it cannot be read, 422 naming each broken rule
 * and its element) and finds the contract it names.
 */
async function readDocument(
  { db }: InvoiceDeps,
  xml: Buffer,
  caller: Caller,
): Promise<Outcome<ReadDocument>> {
  // The operation's own limit (the HTTP layer answers 413 above it), not the library's default.
  const reading = readJpPint(xml, { maxBytes: E_INVOICE_MAX_BYTES });
  if (!reading.ok) {
    return reading.kind === 'malformed'
      ? refuse('malformed', reading.message)
      : refuseViolations(reading.violations);
  }
  const { document } = reading;
  const supported = checkEInvoice(document);
  if (!supported.ok) {
    return document.documentKind === 'credit-note' ? onCreditNote(supported) : supported;
  }
  const named = contractReference(document);
  if (!named.ok) return named;
  const { reference, element } = named.value;
  const contract = await findContractByReference(db, reference);
  // To a vendor, another vendor's contract is as unknown as none: numbers run in sequence.
  if (!contract || refuseIfOtherVendors(caller.user, contract.vendorId)) {
    return refuseUnknownContract(reference, element);
  }
  return ok({ document, contract, element });
}

/**
 * Checks an e-invoice's seller against the contract's vendor and applies the receipt rules of
 * POST /api/invoices to the invoice it states — their refusals named by the elements that stated
 * the figures.
 */
async function readEInvoice(
  { db }: InvoiceDeps,
  { document, contract, element }: ReadDocument,
  xml: Buffer,
  caller: Caller,
  day: string,
): Promise<Outcome<ReadEInvoice>> {
  const request = toInvoiceRequest(document, contract.contractId);
  // What a keyed-in invoice may hold (number length, lines, rates) holds for an e-invoice too.
  const withinLimits = InvoiceCreateRequestSchema.safeParse(request);
  if (!withinLimits.success) {
    const refused = refuse(
      'unprocessable',
      'The invoice holds more than an invoice may',
      zodFieldErrors(withinLimits.error),
    );
    return inEInvoiceTerms(refused, element);
  }
  const assessed = await assessReceipt(db, request, contract, caller, day);
  if (!assessed.ok) return inEInvoiceTerms(assessed, element);
  const { vendor, receipt } = assessed.value;
  const seller = checkCorporateNumber(document, vendor);
  if (!seller.ok) return seller;
  const withholding = checkWithholding(vendor);
  if (!withholding.ok) return withholding;
  const payable = checkPayable(document, receipt.total);
  if (!payable.ok) return payable;

  return ok({
    document,
    assessed: assessed.value,
    original: {
      xml,
      sha256: createHash('sha256').update(xml).digest('hex'),
      specification: document.specification,
      ...(document.period ? { period: document.period } : {}),
      ...(document.seller.corporateNumber
        ? { sellerCorporateNumber: document.seller.corporateNumber }
        : {}),
      ...(document.payeeAccount ? { statedPayeeAccount: document.payeeAccount } : {}),
      payeeAccountDiffers: payeeAccountDiffers(document.payeeAccount, vendor?.bankAccount ?? null),
    },
  });
}

/**
 * Receives a JP PINT e-invoice as POST /api/invoices receives an invoice (the same rules and
 * transaction), keeping its XML byte for byte with its SHA-256 beside the invoice (電子帳簿保存法).
 * A stated payee account is kept as stated and flagged when it is not the registered one: the
 * payment goes to the vendor's registered account whatever the document says. A credit note
 * (適格返還請求書) reduces the invoice it corrects instead (receive-credit-note.ts).
 */
export function makeReceiveEInvoice(deps: InvoiceDeps) {
  return async (xml: Buffer, caller: Caller): Promise<Outcome<Invoice>> => {
    const day = deps.today();
    const read = await readDocument(deps, xml, caller);
    if (!read.ok) return read;
    if (read.value.document.documentKind === 'credit-note') {
      const { document, contract, element } = read.value;
      const credit = await assessCreditNote(deps, document, xml, contract, element);
      return credit.ok ? recordCreditNote(deps, credit.value, caller) : credit;
    }
    const invoice = await readEInvoice(deps, read.value, xml, caller, day);
    if (!invoice.ok) return invoice;
    return recordReceipt(deps.uow, invoice.value.assessed, caller, day, invoice.value.original);
  };
}

/** What receiving the e-invoice would do, writing nothing: what was read and the figures. */
export function makePreviewEInvoice(deps: InvoiceDeps) {
  return async (xml: Buffer, caller: Caller): Promise<Outcome<EInvoicePreview>> => {
    const read = await readDocument(deps, xml, caller);
    if (!read.ok) return read;
    if (read.value.document.documentKind === 'credit-note') {
      const { document, contract, element } = read.value;
      const credit = await assessCreditNote(deps, document, xml, contract, element);
      return credit.ok ? ok(previewCredit(read.value, credit.value, deps.today())) : credit;
    }
    const invoice = await readEInvoice(deps, read.value, xml, caller, deps.today());
    if (!invoice.ok) return invoice;
    const { document, assessed, original } = invoice.value;
    const { contract, vendor, request, receipt } = assessed;
    return ok({
      ...previewHeading(document, contract, vendor),
      ...(original.period ? { period: original.period } : {}),
      lines: request.lines,
      amountsInclude: receipt.amountsInclude,
      qualified: receipt.qualified,
      subtotal: receipt.subtotal,
      taxes: receipt.taxes.map(({ rate, base, tax }) => ({ rate, base, tax })),
      total: receipt.total,
      withholdingTax: receipt.withholdingTax,
      netAmount: receipt.netAmount,
      receivedOn: receipt.receivedOn,
      dueDate: receipt.dueDate,
      inspectionDueDate: receipt.inspectionDueDate,
      ...(original.statedPayeeAccount ? { statedPayeeAccount: original.statedPayeeAccount } : {}),
      payeeAccountDiffers: original.payeeAccountDiffers,
    });
  };
}

/** What every preview opens with: the document as stated, its contract and vendor. */
function previewHeading(
  document: ReadDocument['document'],
  contract: ReadDocument['contract'],
  vendor: { name: string } | undefined | null,
) {
  return {
    specification: document.specification,
    invoiceNumber: document.invoiceNumber,
    issueDate: document.issueDate,
    seller: document.seller,
    contract: {
      id: contract.contractId,
      documentNumber: contract.documentNumber,
      title: contract.title,
    },
    vendor: { id: contract.vendorId, name: vendor?.name ?? document.seller.name },
  };
}

/**
 * A credit note's preview: what it states, and the invoice it would reduce by how much. Its
 * deadlines are the invoice's, which a credit does not move.
 */
function previewCredit(
  { document, contract }: ReadDocument,
  { invoice, vendor, figures }: AssessedCreditNote,
  today: string,
): EInvoicePreview {
  const subtotal = figures.taxes.reduce((sum, { base }) => sum + base, 0);
  return {
    ...previewHeading(document, contract, vendor),
    ...(document.period ? { period: document.period } : {}),
    lines: toInvoiceRequest(document, contract.contractId).lines,
    amountsInclude: 'tax-excluded',
    qualified: invoice.qualified,
    subtotal,
    taxes: figures.taxes,
    total: figures.total,
    withholdingTax: 0,
    netAmount: figures.total,
    receivedOn: today,
    dueDate: invoice.dueDate,
    inspectionDueDate: invoice.inspectionDueDate,
    payeeAccountDiffers: false,
    credit: { invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, total: figures.total },
  };
}
