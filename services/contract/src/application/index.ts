import { makeSearchAudit, makeVerifyAudit, prismaExecutor } from '@denpyo/platform';
import { makeApproveAmendment, makeRejectAmendment, makeRequestAmendment } from './amendments';
import { makeApplyBegunCommitments } from './apply-begun-commitments';
import { makeApproveContract } from './approve-contract';
import {
  makeApproveBankAccountChange,
  makeListBankAccountChanges,
  makeRejectBankAccountChange,
  makeRequestBankAccountChange,
} from './bank-account-changes';
import {
  makeApproveBudgetTransfer,
  makeListBudgetTransfers,
  makeRejectBudgetTransfer,
  makeRequestBudgetTransfer,
} from './budget-transfers';
import { makeCancelContract, makeCompleteContract } from './close-contract';
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
import { makeRecordClosedFiscalYear } from './record-closed-fiscal-year';
import { makeRecordInvoicedAmount } from './record-invoiced-amount';
import { makeRecordPayment } from './record-payment';
import { makeRegisterVendor } from './register-vendor';
import { makeRejectContract } from './reject-contract';
import { makeReleaseCreditedAmount } from './release-credited-amount';
import { makeReleaseInvoicedAmount } from './release-invoiced-amount';
import { makeRenderContractVoucher, makeVerifyContractVoucher } from './render-contract-voucher';
import { makeListBranches, makeSearchBanks } from './search-banks';
import { makeSubmitContract } from './submit-contract';
import { makeUpdateContract } from './update-contract';

export { CONSUMER_GROUP, type ContractDeps } from './deps';

/** The contract service's use cases: what its routes and its consumer call, and nothing else. */
export function createContractApplication(deps: ContractDeps) {
  return {
    registerVendor: makeRegisterVendor(deps),
    getVendor: makeGetVendor(deps),
    listVendors: makeListVendors(deps),
    requestBankAccountChange: makeRequestBankAccountChange(deps),
    approveBankAccountChange: makeApproveBankAccountChange(deps),
    rejectBankAccountChange: makeRejectBankAccountChange(deps),
    listBankAccountChanges: makeListBankAccountChanges(deps),
    createBudget: makeCreateBudget(deps),
    getBudget: makeGetBudget(deps),
    listBudgets: makeListBudgets(deps),
    requestBudgetTransfer: makeRequestBudgetTransfer(deps),
    approveBudgetTransfer: makeApproveBudgetTransfer(deps),
    rejectBudgetTransfer: makeRejectBudgetTransfer(deps),
    listBudgetTransfers: makeListBudgetTransfers(deps),
    draftContract: makeDraftContract(deps),
    updateContract: makeUpdateContract(deps),
    submitContract: makeSubmitContract(deps),
    approveContract: makeApproveContract(deps),
    rejectContract: makeRejectContract(deps),
    completeContract: makeCompleteContract(deps),
    cancelContract: makeCancelContract(deps),
    requestAmendment: makeRequestAmendment(deps),
    approveAmendment: makeApproveAmendment(deps),
    rejectAmendment: makeRejectAmendment(deps),
    getContract: makeGetContract(deps),
    listContracts: makeListContracts(deps),
    getContractHistory: makeGetContractHistory(deps),
    renderContractVoucher: makeRenderContractVoucher(deps),
    verifyContractVoucher: makeVerifyContractVoucher(deps),
    searchBanks: makeSearchBanks(),
    listBranches: makeListBranches(),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    verifyAudit: makeVerifyAudit(prismaExecutor(deps.db), 'contract'),
    applyBegunCommitments: makeApplyBegunCommitments(deps),
    recordInvoicedAmount: makeRecordInvoicedAmount(deps),
    releaseInvoicedAmount: makeReleaseInvoicedAmount(deps),
    releaseCreditedAmount: makeReleaseCreditedAmount(deps),
    recordPayment: makeRecordPayment(deps),
    recordClosedFiscalYear: makeRecordClosedFiscalYear(deps),
  };
}
export type ContractApplication = ReturnType<typeof createContractApplication>;
