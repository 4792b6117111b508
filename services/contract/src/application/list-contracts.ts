import { ok, ownVendorScope, type Caller, type ListPage, type Outcome } from '@denpyo/platform';
import type { Contract, ContractListQuery } from '@denpyo/schemas';
import { listContracts } from '../db/contracts';
import type { ContractDeps } from './deps';

/**
 * Search by status, vendor, start date, amount range and text, one page in the requested order:
 * staff see every contract, a vendor user only its own.
 */
export function makeListContracts({ db }: ContractDeps) {
  return async (query: ContractListQuery, caller: Caller): Promise<Outcome<ListPage<Contract>>> => {
    const vendorId = ownVendorScope(caller.user, query.vendorId);
    if (!vendorId.ok) return vendorId;
    return ok(await listContracts(db, { ...query, vendorId: vendorId.value }));
  };
}
