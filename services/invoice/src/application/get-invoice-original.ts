import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import { findCreditNoteOriginal, findInvoiceOriginal } from '../db/invoices';
import type { InvoiceDeps } from './deps';

/** An e-invoice's XML exactly as received: staff, and the vendor it belongs to. */
export function makeGetInvoiceOriginal({ db }: InvoiceDeps) {
  return async (
    id: string,
    caller: Caller,
  ): Promise<Outcome<{ content: Buffer; fileName: string }>> => {
    const original = await findInvoiceOriginal(db, id);
    if (!original) return notFound('E-invoice original', id);
    return (
      refuseIfOtherVendors(caller.user, original.vendorId) ??
      ok({ content: original.xml, fileName: `${original.documentNumber}.xml` })
    );
  };
}

/** A credit note's XML exactly as received: staff, and the vendor of its invoice. */
export function makeGetCreditNoteOriginal({ db }: InvoiceDeps) {
  return async (
    invoiceId: string,
    creditId: string,
    caller: Caller,
  ): Promise<Outcome<{ content: Buffer; fileName: string }>> => {
    const original = await findCreditNoteOriginal(db, invoiceId, creditId);
    if (!original) return notFound('Credit note original', creditId);
    return (
      refuseIfOtherVendors(caller.user, original.vendorId) ??
      // The vendor's number may hold any character; the file is named by the city's numbers.
      ok({ content: original.xml, fileName: `${original.documentNumber}-credit-${creditId}.xml` })
    );
  };
}
