import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import type { Vendor } from '@denpyo/schemas';
import { findVendor } from '../db/vendors';
import type { ContractDeps } from './deps';

/** One vendor: staff see every vendor, a vendor user only its own. */
export function makeGetVendor({ db }: ContractDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Vendor>> => {
    // Checked before the lookup, so a vendor user learns nothing about other vendors' ids.
    const refused = refuseIfOtherVendors(caller.user, id);
    if (refused) return refused;
    const vendor = await findVendor(db, id);
    return vendor ? ok(vendor) : notFound('Vendor', id);
  };
}
