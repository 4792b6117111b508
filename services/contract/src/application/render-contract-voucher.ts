import { notFound, ok, type Outcome } from '@denpyo/platform';
import { renderContractVoucher } from '@denpyo/pdf';
import { findBudget } from '../db/budgets';
import { findContract } from '../db/contracts';
import { findVendor } from '../db/vendors';
import { contractVoucher } from '../domain/contract-voucher';
import type { ContractDeps } from './deps';

/** 支出負担行為決議書: the commitment voucher of a contract, as a PDF. */
export function makeRenderContractVoucher({ db, cityName }: ContractDeps) {
  return async (id: string): Promise<Outcome<Buffer>> => {
    const contract = await findContract(db, id);
    if (!contract) return notFound('Contract', id);
    const [vendor, budget] = await Promise.all([
      findVendor(db, contract.vendorId),
      findBudget(db, { fiscalYear: contract.fiscalYear, code: contract.budgetCode }),
    ]);
    // The contracts table references both, so they are always there.
    if (!vendor || !budget) {
      throw new Error(`Contract ${id} refers to a missing vendor or budget line`);
    }
    return ok(await renderContractVoucher(contractVoucher(cityName, contract, vendor, budget)));
  };
}
