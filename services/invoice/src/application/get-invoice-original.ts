import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import { findInvoiceOriginal } from '../db/invoices';
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
