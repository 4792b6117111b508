import { ok, type Outcome } from '@denpyo/platform';
import { INVOICE_LIST_LIMIT, type InvoiceListQuery } from '@denpyo/schemas';
import { listInvoices, type InvoiceView } from '../db/invoices';
import type { InvoiceDeps } from './deps';

/** Staff search; one more than the limit is read, so the answer can say there were more. */
export function makeListInvoices({ db }: InvoiceDeps) {
  return async (query: InvoiceListQuery): Promise<Outcome<InvoiceView[]>> =>
    ok(await listInvoices(db, query, INVOICE_LIST_LIMIT + 1));
}
