import { ok, type Outcome } from '@denpyo/platform';
import type { Contract, ContractListQuery } from '@denpyo/schemas';
import { listContracts } from '../db/contracts';
import type { ContractDeps } from './deps';

/** Staff search by status, vendor, start date and amount range, in document number order. */
export function makeListContracts({ db }: ContractDeps) {
  return async (query: ContractListQuery): Promise<Outcome<Contract[]>> =>
    ok(await listContracts(db, query));
}
