import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import type { Invoice } from '@denpyo/schemas';
import { findInvoice } from '../db/invoices';
import type { InvoiceDeps } from './deps';
import { presentInvoice } from './present-invoice';

/** One invoice: staff see every invoice, a vendor only its own. */
export function makeGetInvoice({ db, today }: InvoiceDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Invoice>> => {
    const invoice = await findInvoice(db, id);
    if (!invoice) return notFound('Invoice', id);
    return (
      refuseIfOtherVendors(caller.user, invoice.vendorId) ?? ok(presentInvoice(invoice, today()))
    );
  };
}
