import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import type { Contract } from '@denpyo/schemas';
import { findContract } from '../db/contracts';
import type { ContractDeps } from './deps';

/** One contract: staff see every contract, a vendor user only its own vendor's. */
export function makeGetContract({ db }: ContractDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Contract>> => {
    const contract = await findContract(db, id);
    if (!contract) return notFound('Contract', id);
    return refuseIfOtherVendors(caller.user, contract.vendorId) ?? ok(contract);
  };
}
