import {
  computeInvoiceTotals,
  computeWithholding,
  inspectionDueDate,
  invoiceDueDate,
  MAX_TRANSFER_AMOUNT,
  type InvoiceTotals,
  type RateTotal,
  type TaxProblem,
} from '@denpyo/jp';
import { ok, refuse, refuseField, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type {
  AuthUser,
  ContractKind,
  InvoiceCreateRequest,
  StatedTax,
  VendorKind,
} from '@denpyo/schemas';
import { exceedsYear, paymentFiscalYear, yearRemaining, type ContractYear } from './fiscal-year';

/** What this service knows of the contract an invoice is made out against. */
export interface ContractTerms {
  vendorId: string;
  /** The amount as last amended (変更契約). */
  amount: number;
  invoicedTotal: number;
  kind: ContractKind;
  fiscalYear: number;
  /**
   * A multi-year commitment's amount per fiscal year (債務負担行為), with what is invoiced in
   * each; undefined for a single-year contract, whose one year is its amount.
   */
  schedule?: readonly ContractYear[];
  /** Set once the contract is completed or cancelled: no new invoices. */
  closedOutcome?: 'completed' | 'cancelled';
}

/** What this service knows of the vendor (absent when its VendorRegistered was not seen yet). */
export interface VendorTerms {
  invoiceRegistrationNumber: string | null;
  kind: VendorKind;
}

export interface ReceiptTax extends RateTotal {
  /** The invoice stated this tax (else it is the exact tax rounded down). */
  stated: boolean;
}

export interface InvoiceReceipt extends Omit<InvoiceTotals, 'problems' | 'taxes'> {
  taxes: ReceiptTax[];
  qualified: boolean;
  withholdingTax: number;
  netAmount: number;
  contractKind: ContractKind;
  fiscalYear: number;
  receivedOn: string;
  dueDate: string;
  inspectionDueDate: string;
}

type ReceiptRequest = Pick<
  InvoiceCreateRequest,
  'registrationNumber' | 'lines' | 'amountsInclude' | 'statedTaxes' | 'issueDate' | 'receivedOn'
>;

// An invoice above MAX_TRANSFER_AMOUNT (Zengin's N10 amount field) could never be paid: the
// payment service cannot put it in a transfer batch.

const SPLIT_THE_INVOICE = `a single transfer can carry at most ${MAX_TRANSFER_AMOUNT.toLocaleString('en-US')} yen; split the invoice`;

export function remainingAmount(contract: ContractTerms): number {
  return Math.max(0, contract.amount - contract.invoicedTotal);
}

/**
 * Decides whether an invoice may be received against a contract, takes its figures as stated
 * (tax, withholding) and computes its deadlines from the day the claim arrived. The
 * remaining-amount checks here (the contract's, and a multi-year contract's year's) are advisory
 * (they give the clearest reason); the authoritative ones are the conditional updates of the
 * invoiced totals.
 */
export function assessInvoice(
  request: ReceiptRequest,
  contract: ContractTerms,
  vendor: VendorTerms | undefined,
  user: AuthUser,
  today: string,
): Outcome<InvoiceReceipt> {
  if (actsForAVendor(user) && user.vendorId !== contract.vendorId) {
    return refuseField('unprocessable', 'contractId', 'The contract belongs to another vendor');
  }
  if (contract.closedOutcome) return refuseClosedContract(contract.closedOutcome);
  const dated = decideIssueDate(request.issueDate, today);
  if (!dated.ok) return dated;
  const arrival = decideReceivedOn(request, user, today);
  if (!arrival.ok) return arrival;
  const receivedOn = arrival.value;

  const qualification = decideQualified(request.registrationNumber, vendor);
  if (!qualification.ok) return qualification;

  let totals: InvoiceTotals;
  try {
    totals = computeInvoiceTotals(request.lines, {
      amountsInclude: request.amountsInclude,
      statedTaxes: request.statedTaxes,
    });
  } catch (error) {
    // computeInvoiceTotals refuses (RangeError) rather than round; anything else is a bug.
    if (!(error instanceof RangeError)) throw error;
    return refuseField(
      'unprocessable',
      'lines',
      `The invoice total is too large to compute exactly; ${SPLIT_THE_INVOICE}`,
    );
  }
  if (totals.problems.length > 0) {
    const errors = totals.problems.map((problem) =>
      taxProblemError(problem, request.statedTaxes ?? []),
    );
    return refuse('unprocessable', errors.map((e) => e.message).join('; '), errors);
  }
  if (totals.total > MAX_TRANSFER_AMOUNT) {
    return refuseField(
      'unprocessable',
      'lines',
      `The invoice total ${totals.total} cannot be paid: ${SPLIT_THE_INVOICE}`,
    );
  }

  const withholding = decideWithholding(request, vendor, totals.total);
  if (!withholding.ok) return withholding;

  if (totals.total > remainingAmount(contract)) {
    return refuse('unprocessable', exceedsRemaining(totals.total, remainingAmount(contract)));
  }
  const fiscalYear = paymentFiscalYear(contract, receivedOn);
  if (!fiscalYear.ok) return fiscalYear;
  // Each year of a multi-year contract is a limit of its own: its budget bears only its amount.
  const year = contract.schedule?.find((entry) => entry.fiscalYear === fiscalYear.value);
  if (year && totals.total > yearRemaining(year)) {
    return refuse('unprocessable', exceedsYear(totals.total, year));
  }

  const statedRates = new Set((request.statedTaxes ?? []).map((stated) => stated.rate));
  return ok({
    amountsInclude: totals.amountsInclude,
    subtotal: totals.subtotal,
    taxes: totals.taxes.map((tax) => ({ ...tax, stated: statedRates.has(tax.rate) })),
    total: totals.total,
    qualified: qualification.value,
    withholdingTax: withholding.value,
    netAmount: totals.total - withholding.value,
    contractKind: contract.kind,
    fiscalYear: fiscalYear.value,
    receivedOn,
    dueDate: invoiceDueDate(receivedOn, contract.kind),
    inspectionDueDate: inspectionDueDate(receivedOn, contract.kind),
  });
}

/** A completed or cancelled contract (ContractClosed) takes no new invoices. */
export function refuseClosedContract(outcome: 'completed' | 'cancelled') {
  return refuseField(
    'unprocessable',
    'contractId',
    `The contract is ${outcome}: it takes no more invoices`,
  );
}

export function exceedsRemaining(total: number, remaining: number): string {
  return `The invoice total ${total} exceeds the contract's remaining amount ${remaining}`;
}

/** How long a money claim against a city lasts (地方自治法 Art. 236: 5 years' prescription). */
export const CLAIM_PRESCRIPTION_YEARS = 5;

/**
 * An invoice's own date is neither after today (the system's clock) nor before the day a claim
 * of that date would have been extinguished: today, five years back (a 29 February back to the
 * 28th, the end of that month, as 民法 Art. 143 counts years).
 */
export function decideIssueDate(issueDate: string, today: string): Outcome<string> {
  if (issueDate > today) {
    return refuseField(
      'unprocessable',
      'issueDate',
      `The invoice cannot be dated after today (${today})`,
    );
  }
  const earliest = yearsBefore(today, CLAIM_PRESCRIPTION_YEARS);
  if (issueDate < earliest) {
    return refuseField(
      'unprocessable',
      'issueDate',
      `An invoice dated before ${earliest} is a claim older than ${CLAIM_PRESCRIPTION_YEARS} years, extinguished by prescription (地方自治法 Art. 236)`,
    );
  }
  return ok(issueDate);
}

/** The same day `years` earlier; 29 February becomes the 28th in a common year. */
function yearsBefore(date: string, years: number): string {
  const year = String(Number(date.slice(0, 4)) - years).padStart(4, '0');
  const monthDay = date.slice(5);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return monthDay === '02-29' && !leap(Number(year)) ? `${year}-02-28` : `${year}-${monthDay}`;
}

/**
 * The day the claim arrived: a vendor's submission arrives today (the system clock); staff
 * entering a paper invoice give the day it arrived, which can be neither after today nor
 * before the invoice's own date. A vendor user may not date its own claim (403).
 */
function decideReceivedOn(request: ReceiptRequest, user: AuthUser, today: string): Outcome<string> {
  if (request.receivedOn !== undefined && actsForAVendor(user)) {
    return refuse('forbidden', 'Only city staff record the day a claim arrived (receivedOn)', [
      { path: 'receivedOn', message: 'A vendor’s submission arrives on the day it is sent' },
    ]);
  }
  const receivedOn = request.receivedOn ?? today;
  const path = request.receivedOn === undefined ? 'issueDate' : 'receivedOn';
  if (receivedOn > today) {
    return refuseField('unprocessable', path, `The claim cannot arrive after today (${today})`);
  }
  if (receivedOn < request.issueDate) {
    return refuseField(
      'unprocessable',
      path,
      `The claim arrived on ${receivedOn}, before its issue date ${request.issueDate}`,
    );
  }
  return ok(receivedOn);
}

/**
 * 適格請求書 or not: an invoice without a registration number is valid (免税事業者 are paid too);
 * one with a number must carry the vendor's own, so a vendor with none on file cannot borrow one.
 */
export function decideQualified(
  registrationNumber: string | undefined,
  vendor: VendorTerms | undefined,
): Outcome<boolean> {
  if (registrationNumber === undefined) return ok(false);
  if (!vendor) {
    return refuseField(
      'unprocessable',
      'registrationNumber',
      "The vendor's registration is not known here yet; send the invoice again shortly",
    );
  }
  if (vendor.invoiceRegistrationNumber !== registrationNumber) {
    return refuseField(
      'unprocessable',
      'registrationNumber',
      vendor.invoiceRegistrationNumber
        ? `The registration number does not match the vendor's (${vendor.invoiceRegistrationNumber})`
        : 'The vendor has no registration number on file; leave registrationNumber out',
    );
  }
  return ok(true);
}

/**
 * 源泉徴収 (所得税法 Art. 204) applies to fees paid to individuals only; what is withheld must
 * leave something to transfer.
 */
function decideWithholding(
  request: ReceiptRequest,
  vendor: VendorTerms | undefined,
  total: number,
): Outcome<number> {
  const marked = request.lines.findIndex((line) => line.withholding);
  if (marked < 0) return ok(0);
  if (vendor?.kind !== 'individual') {
    return refuseField(
      'unprocessable',
      `lines.${marked}.withholding`,
      'Withholding applies to fees paid to an individual vendor only',
    );
  }
  const { base, tax } = computeWithholding(request.lines);
  if (base < 0) {
    return refuseField(
      'unprocessable',
      'lines',
      `The lines subject to withholding add up to ${base}: discounts may not exceed the fees`,
    );
  }
  if (tax >= total) {
    return refuseField(
      'unprocessable',
      'lines',
      `The withholding tax ${tax} leaves nothing to transfer of the total ${total}`,
    );
  }
  return ok(tax);
}

function formatAccepted(figures: readonly number[]): string {
  return [...new Set(figures)].join(' or ');
}

/** One tax problem as the field it concerns, in words naming the rate and the figures. */
function taxProblemError(problem: TaxProblem, stated: readonly StatedTax[]): FieldError {
  switch (problem.kind) {
    case 'negative-base':
      return {
        path: 'lines',
        message: `The ${problem.rate}% base is ${problem.base}: discount lines may not take a rate's base below zero`,
      };
    case 'stated-tax-not-accepted': {
      const { down, halfUp, up } = problem.accepted;
      return {
        path: `statedTaxes.${stated.findIndex((s) => s.rate === problem.rate)}.tax`,
        message: `The stated ${problem.rate}% tax ${problem.stated} is not the exact tax rounded down, half-up or up (accepted: ${formatAccepted([down, halfUp, up])})`,
      };
    }
    case 'stated-tax-without-lines':
      return {
        path: `statedTaxes.${stated.findIndex((s) => s.rate === problem.rate)}.rate`,
        message: `A ${problem.rate}% tax is stated but no line is at ${problem.rate}%`,
      };
    case 'stated-tax-repeated':
      return {
        path: `statedTaxes.${stated.findLastIndex((s) => s.rate === problem.rate)}.rate`,
        message: `The ${problem.rate}% tax is stated more than once`,
      };
    case 'zero-total':
      return { path: 'lines', message: 'The invoice total is zero: there is nothing to pay' };
  }
}

/** A vendor user invoices only its own contracts; procurement staff invoice on anyone's behalf. */
function actsForAVendor(user: AuthUser): boolean {
  return !user.roles.includes('procurement');
}
