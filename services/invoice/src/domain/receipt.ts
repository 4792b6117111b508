import {
  computeInvoiceTotals,
  MAX_TRANSFER_AMOUNT,
  paymentDueDate,
  type InvoiceLine,
  type InvoiceTotals,
} from '@denpyo/jp';
import { ok, refuse, refuseField, type Outcome } from '@denpyo/platform/outcome';
import type { AuthUser, InvoiceCreateRequest } from '@denpyo/schemas';

/** What this service knows of the contract an invoice is made out against. */
export interface ContractTerms {
  vendorId: string;
  amount: number;
  invoicedTotal: number;
}

/** What this service knows of the vendor (absent when its VendorRegistered was not seen yet). */
export interface VendorTerms {
  invoiceRegistrationNumber: string | null;
}

export interface InvoiceReceipt extends InvoiceTotals {
  receivedOn: string;
  dueDate: string;
}

// An invoice above MAX_TRANSFER_AMOUNT (Zengin's N10 amount field) could never be paid: the
// payment service cannot put it in a transfer batch.

const SPLIT_THE_INVOICE = `a single transfer can carry at most ${MAX_TRANSFER_AMOUNT.toLocaleString('en-US')} yen; split the invoice`;

export function remainingAmount(contract: ContractTerms): number {
  return contract.amount - contract.invoicedTotal;
}

/**
 * Decides whether an invoice may be received against a contract and computes its totals and
 * payment deadline. The remaining-amount check here is advisory (it gives the clearest reason);
 * the authoritative one is the conditional update of the contract's invoiced total.
 */
export function assessInvoice(
  request: Pick<InvoiceCreateRequest, 'registrationNumber' | 'lines'>,
  contract: ContractTerms,
  vendor: VendorTerms | undefined,
  user: AuthUser,
  receivedOn: string,
): Outcome<InvoiceReceipt> {
  if (actsForAVendor(user) && user.vendorId !== contract.vendorId) {
    return refuseField('unprocessable', 'contractId', 'The contract belongs to another vendor');
  }
  const registered = vendor?.invoiceRegistrationNumber;
  if (registered && registered !== request.registrationNumber) {
    return refuseField(
      'unprocessable',
      'registrationNumber',
      `The registration number does not match the vendor's (${registered})`,
    );
  }
  const totals = totalsIfComputable(request.lines);
  if (!totals) {
    return refuseField(
      'unprocessable',
      'lines',
      `The invoice total is too large to compute exactly; ${SPLIT_THE_INVOICE}`,
    );
  }
  if (totals.total > MAX_TRANSFER_AMOUNT) {
    return refuseField(
      'unprocessable',
      'lines',
      `The invoice total ${totals.total} cannot be paid: ${SPLIT_THE_INVOICE}`,
    );
  }
  if (totals.total > remainingAmount(contract)) {
    return refuse('unprocessable', exceedsRemaining(totals.total, remainingAmount(contract)));
  }
  return ok({ ...totals, receivedOn, dueDate: paymentDueDate(receivedOn) });
}

export function exceedsRemaining(total: number, remaining: number): string {
  return `The invoice total ${total} exceeds the contract's remaining amount ${remaining}`;
}

/** The totals, or undefined when they lie beyond the integers a number holds exactly. */
function totalsIfComputable(lines: readonly InvoiceLine[]): InvoiceTotals | undefined {
  try {
    return computeInvoiceTotals(lines);
  } catch (error) {
    // computeInvoiceTotals refuses (RangeError) rather than round; anything else is a bug.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** A vendor user invoices only its own contracts; procurement staff invoice on anyone's behalf. */
function actsForAVendor(user: AuthUser): boolean {
  return !user.roles.includes('procurement');
}
