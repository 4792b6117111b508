import { ok, refuse, type Caller, type ListPage, type Outcome } from '@denpyo/platform';
import type { Remittance, RemittanceListQuery } from '@denpyo/schemas';
import { listVendorRemittances } from '../db/remittances';
import type { PaymentDeps } from './deps';

/**
 * 振込情報開示: a vendor sees its own payments and nothing else; one page, or a period's (from/to
 * on the transfer date) as CSV. A payment shows its 振込予定日 from its batch's approval on.
 */
export function makeListRemittances({ db }: PaymentDeps) {
  return async (
    query: RemittanceListQuery,
    { user }: Caller,
  ): Promise<Outcome<ListPage<Remittance>>> => {
    if (!user.vendorId) return refuse('forbidden', 'This vendor login is not bound to a vendor');
    return ok(await listVendorRemittances(db, user.vendorId, query));
  };
}
