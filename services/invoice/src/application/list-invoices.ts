import { ok, ownVendorScope, type Caller, type ListPage, type Outcome } from '@denpyo/platform';
import type { InvoiceListQuery } from '@denpyo/schemas';
import { listInvoices, type InvoiceView } from '../db/invoices';
import type { InvoiceDeps } from './deps';

/**
 * Search by status, contract, vendor, receipt date, amount range and number, one page in the
 * requested order: staff see every invoice, a vendor user only its own.
 */
export function makeListInvoices({ db }: InvoiceDeps) {
  return async (
    query: InvoiceListQuery,
    caller: Caller,
  ): Promise<Outcome<ListPage<InvoiceView>>> => {
    const vendorId = ownVendorScope(caller.user, query.vendorId);
    if (!vendorId.ok) return vendorId;
    return ok(await listInvoices(db, { ...query, vendorId: vendorId.value }));
  };
}
