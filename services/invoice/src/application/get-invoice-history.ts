import {
  notFound,
  ok,
  prismaExecutor,
  refuseIfOtherVendors,
  searchAuditPage,
  type Caller,
  type ListPage,
  type Outcome,
} from '@denpyo/platform';
import type { AuditEntry, HistoryQuery } from '@denpyo/schemas';
import { findInvoice } from '../db/invoices';
import type { InvoiceDeps } from './deps';

/**
 * An invoice's timeline: its audit entries (received, inspected, ordered or rejected); staff
 * see every invoice's, a vendor user only its own invoices'.
 */
export function makeGetInvoiceHistory({ db }: InvoiceDeps) {
  return async (
    id: string,
    query: HistoryQuery,
    caller: Caller,
  ): Promise<Outcome<ListPage<AuditEntry>>> => {
    const invoice = await findInvoice(db, id);
    if (!invoice) return notFound('Invoice', id);
    const refused = refuseIfOtherVendors(caller.user, invoice.vendorId);
    if (refused) return refused;
    return ok(
      await searchAuditPage(prismaExecutor(db), { ...query, entityType: 'invoice', entityId: id }),
    );
  };
}
