import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import { findInvoice, type InvoiceView } from '../db/invoices';
import type { InvoiceDeps } from './deps';

/** One invoice: staff see every invoice, a vendor only its own. */
export function makeGetInvoice({ db }: InvoiceDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<InvoiceView>> => {
    const invoice = await findInvoice(db, id);
    if (!invoice) return notFound('Invoice', id);
    return refuseIfOtherVendors(caller.user, invoice.vendorId) ?? ok(invoice);
  };
}
