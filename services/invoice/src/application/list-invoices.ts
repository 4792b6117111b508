import { ok, ownVendorScope, type Caller, type ListPage, type Outcome } from '@denpyo/platform';
import type { Invoice, InvoiceListQuery } from '@denpyo/schemas';
import { listInvoices } from '../db/invoices';
import type { InvoiceDeps } from './deps';
import { presentInvoice } from './present-invoice';

/**
 * Search by status, contract, vendor, receipt date, amount range, number and overdue inspection,
 * one page in the requested order: staff see every invoice, a vendor user only its own.
 */
export function makeListInvoices({ db, today }: InvoiceDeps) {
  return async (query: InvoiceListQuery, caller: Caller): Promise<Outcome<ListPage<Invoice>>> => {
    const vendorId = ownVendorScope(caller.user, query.vendorId);
    if (!vendorId.ok) return vendorId;
    const day = today();
    const page = await listInvoices(db, { ...query, vendorId: vendorId.value }, day);
    return ok({ ...page, items: page.items.map((invoice) => presentInvoice(invoice, day)) });
  };
}
