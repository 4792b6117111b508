import { ok, type ListPage, type Outcome } from '@denpyo/platform';
import type { Vendor, VendorListQuery } from '@denpyo/schemas';
import { listVendors } from '../db/vendors';
import type { ContractDeps } from './deps';

/** Staff search of vendors by name, kana, corporate or registration number; one page. */
export function makeListVendors({ db }: ContractDeps) {
  return async (query: VendorListQuery): Promise<Outcome<ListPage<Vendor>>> =>
    ok(await listVendors(db, query));
}
