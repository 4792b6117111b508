import { makeSearchAudit, prismaExecutor } from '@denpyo/platform';
import { makeApproveContract } from './approve-contract';
import { makeCreateBudget } from './create-budget';
import type { ContractDeps } from './deps';
import { makeDraftContract } from './draft-contract';
import { makeGetBudget } from './get-budget';
import { makeGetContract } from './get-contract';
import { makeGetContractHistory } from './get-contract-history';
import { makeGetVendor } from './get-vendor';
import { makeListBudgets } from './list-budgets';
import { makeListContracts } from './list-contracts';
import { makeListVendors } from './list-vendors';
import { makeRecordInvoicedAmount } from './record-invoiced-amount';
import { makeRecordPayment } from './record-payment';
import { makeRegisterVendor } from './register-vendor';
import { makeRejectContract } from './reject-contract';
import { makeReleaseInvoicedAmount } from './release-invoiced-amount';
import { makeRenderContractVoucher } from './render-contract-voucher';
import { makeListBranches, makeSearchBanks } from './search-banks';
import { makeSubmitContract } from './submit-contract';

export { CONSUMER_GROUP, type ContractDeps } from './deps';

/** The contract service's use cases: what its routes and its consumer call, and nothing else. */
export function createContractApplication(deps: ContractDeps) {
  return {
    registerVendor: makeRegisterVendor(deps),
    getVendor: makeGetVendor(deps),
    listVendors: makeListVendors(deps),
    createBudget: makeCreateBudget(deps),
    getBudget: makeGetBudget(deps),
    listBudgets: makeListBudgets(deps),
    draftContract: makeDraftContract(deps),
    submitContract: makeSubmitContract(deps),
    approveContract: makeApproveContract(deps),
    rejectContract: makeRejectContract(deps),
    getContract: makeGetContract(deps),
    listContracts: makeListContracts(deps),
    getContractHistory: makeGetContractHistory(deps),
    renderContractVoucher: makeRenderContractVoucher(deps),
    searchBanks: makeSearchBanks(),
    listBranches: makeListBranches(),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    recordInvoicedAmount: makeRecordInvoicedAmount(deps),
    releaseInvoicedAmount: makeReleaseInvoicedAmount(deps),
    recordPayment: makeRecordPayment(deps),
  };
}
export type ContractApplication = ReturnType<typeof createContractApplication>;
