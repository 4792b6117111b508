import { ok, type OperationHandlers } from '@denpyo/platform';
import type { OperationsOf } from '@denpyo/schemas';
import type { ContractApplication } from '../application';

/** Each contract operation (declared in @denpyo/schemas) handed to its use case. */
export function contractRoutes(
  app: ContractApplication,
): OperationHandlers<OperationsOf<'contract'>> {
  return {
    registerVendor: ({ body, caller }) => app.registerVendor(body, caller),
    listVendors: ({ query }) => app.listVendors(query),
    getVendor: ({ params, caller }) => app.getVendor(params.id, caller),
    requestBankAccountChange: ({ params, body, caller }) =>
      app.requestBankAccountChange(params.id, body, caller),
    listBankAccountChanges: ({ params, query, caller }) =>
      app.listBankAccountChanges(params.id, query, caller),
    approveBankAccountChange: ({ params, caller }) => app.approveBankAccountChange(params, caller),
    rejectBankAccountChange: ({ params, body, caller }) =>
      app.rejectBankAccountChange(params, body, caller),
    createBudget: ({ body, caller }) => app.createBudget(body, caller),
    listBudgets: ({ query }) => app.listBudgets(query),
    getBudget: ({ params }) => app.getBudget(params),
    requestBudgetTransfer: ({ body, caller }) => app.requestBudgetTransfer(body, caller),
    listBudgetTransfers: ({ query }) => app.listBudgetTransfers(query),
    approveBudgetTransfer: ({ params, caller }) => app.approveBudgetTransfer(params.id, caller),
    rejectBudgetTransfer: ({ params, body, caller }) =>
      app.rejectBudgetTransfer(params.id, body, caller),
    draftContract: ({ body, caller }) => app.draftContract(body, caller),
    listContracts: ({ query, caller }) => app.listContracts(query, caller),
    getContract: ({ params, caller }) => app.getContract(params.id, caller),
    updateContract: ({ params, body, caller }) => app.updateContract(params.id, body, caller),
    getContractHistory: ({ params, query }) => app.getContractHistory(params.id, query),
    submitContract: ({ params, caller }) => app.submitContract(params.id, caller),
    approveContract: ({ params, body, caller }) => app.approveContract(params.id, body, caller),
    rejectContract: ({ params, body, caller }) => app.rejectContract(params.id, body, caller),
    completeContract: ({ params, caller }) => app.completeContract(params.id, caller),
    cancelContract: ({ params, body, caller }) => app.cancelContract(params.id, body, caller),
    requestAmendment: ({ params, body, caller }) => app.requestAmendment(params.id, body, caller),
    approveAmendment: ({ params, body, caller }) => app.approveAmendment(params, body, caller),
    rejectAmendment: ({ params, body, caller }) => app.rejectAmendment(params, body, caller),
    getContractVoucher: async ({ params }) => {
      const pdf = await app.renderContractVoucher(params.id);
      return pdf.ok ? ok({ content: pdf.value }) : pdf;
    },
    verifyContractVoucher: ({ params, query }) => app.verifyContractVoucher(params.id, query.hash),
    searchBanks: ({ query }) => app.searchBanks(query),
    listBranches: ({ params, query }) => app.listBranches(params.bankCode, query),
    searchContractAudit: ({ query }) => app.searchAudit(query),
    verifyContractAudit: ({ query }) => app.verifyAudit(query.kept),
  };
}
