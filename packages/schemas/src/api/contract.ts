// The contract service's operations: vendors, budgets, contracts and their approval; the bank
// and branch search of the Zengin code data.
import {
  BankCodeParamsSchema,
  BankListFilters,
  BudgetListFilters,
  ContractListFilters,
  VendorListFilters,
  type ContractStatus,
} from '../contract';
import type { PagedQuery } from '../paging';
import { BudgetKeyParamsSchema, IdParamsSchema, withRangeChecks } from '../query';
import { STAFF_ROLES } from '../values';
import type { z } from '../zod';
import * as c from './components';
import { AUDIT_LIST, auditSearch, HistoryQuerySchema } from './common';
import { declareOperations, file, json, jsonList, listing, listQuery } from './operation';

/** Contract statuses in words: the CSV columns and the web app (status.contract.*). */
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: '下書き',
  submitted: '承認待ち',
  approved: '承認済',
  rejected: '差戻し',
};

const ACCOUNT_TYPE_LABELS = { ordinary: '普通', current: '当座', savings: '貯蓄' } as const;

export const VENDOR_LIST = listing(c.Vendor, {
  sortable: ['name'],
  defaultSort: 'name',
  columns: [
    { header: '取引先ID', value: 'id' },
    { header: '名称', value: 'name' },
    { header: 'フリガナ', value: 'nameKana' },
    { header: '法人番号', value: 'corporateNumber' },
    { header: '登録番号', value: 'invoiceRegistrationNumber' },
    { header: '銀行コード', value: (v) => v.bankAccount.bankCode },
    { header: '支店コード', value: (v) => v.bankAccount.branchCode },
    { header: '預金種目', value: (v) => ACCOUNT_TYPE_LABELS[v.bankAccount.type] },
    { header: '口座番号', value: (v) => v.bankAccount.number },
    { header: '口座名義', value: (v) => v.bankAccount.holderKana },
    { header: '登録日時', value: 'createdAt' },
  ],
});
export const VendorListQuerySchema = listQuery(VENDOR_LIST, VendorListFilters);
export type VendorListQuery = PagedQuery<z.infer<typeof VendorListQuerySchema>>;

export const BUDGET_LIST = listing(c.Budget, {
  sortable: ['code', 'fiscalYear'],
  defaultSort: 'code',
  columns: [
    { header: '年度', value: 'fiscalYear' },
    { header: '予算科目', value: 'code' },
    { header: '名称', value: 'name' },
    { header: '予算額', value: 'amount' },
    { header: '負担行為済額', value: 'encumbered' },
    { header: '支出済額', value: 'spent' },
    { header: '予算残額', value: 'available' },
  ],
});
export const BudgetListQuerySchema = listQuery(BUDGET_LIST, BudgetListFilters);
export type BudgetListQuery = PagedQuery<z.infer<typeof BudgetListQuerySchema>>;

export const CONTRACT_LIST = listing(c.Contract, {
  sortable: ['documentNumber', 'startDate', 'amount', 'status'],
  defaultSort: 'documentNumber',
  columns: [
    { header: '契約番号', value: 'documentNumber' },
    { header: '件名', value: 'title' },
    { header: '取引先ID', value: 'vendorId' },
    { header: '年度', value: 'fiscalYear' },
    { header: '予算科目', value: 'budgetCode' },
    { header: '契約金額', value: 'amount' },
    { header: '税率', value: 'taxRate' },
    { header: '契約開始日', value: 'startDate' },
    { header: '契約終了日', value: 'endDate' },
    { header: '状態', value: (contract) => CONTRACT_STATUS_LABELS[contract.status] },
    { header: '請求済額', value: 'invoicedAmount' },
    { header: '支払済額', value: 'paidAmount' },
    { header: '残額', value: 'remainingAmount' },
    { header: '作成者', value: 'createdBy' },
    { header: '契約ID', value: 'id' },
  ],
});
export const ContractListQuerySchema = withRangeChecks(
  listQuery(CONTRACT_LIST, ContractListFilters),
);
export type ContractListQuery = PagedQuery<z.infer<typeof ContractListQuerySchema>>;

/** Banks and branches for the pickers: at most 50 a page. */
export const BANK_LIST = listing(c.Bank, {
  sortable: ['code'],
  defaultSort: 'code',
  pageSize: { default: 50, max: 50 },
  columns: [
    { header: 'コード', value: 'code' },
    { header: '名称', value: 'name' },
    { header: 'カナ', value: 'kana' },
  ],
});
export const BankListQuerySchema = listQuery(BANK_LIST, BankListFilters);
export type BankListQuery = PagedQuery<z.infer<typeof BankListQuerySchema>>;

const VENDOR_OR_STAFF = [...STAFF_ROLES, 'vendor'] as const;

export const CONTRACT_OPERATIONS = declareOperations({
  registerVendor: {
    method: 'post',
    path: '/api/vendors',
    owner: 'contract',
    tag: 'contract',
    summary: 'Register a vendor and its bank account',
    roles: ['procurement'],
    body: c.VendorCreateRequest,
    response: json(c.Vendor, 'The registered vendor', 201),
    location: '/api/vendors/{id}',
    errors: [422],
  },
  listVendors: {
    method: 'get',
    path: '/api/vendors',
    owner: 'contract',
    tag: 'contract',
    summary: 'Search vendors (q: name, kana, corporate or registration number)',
    roles: STAFF_ROLES,
    query: VendorListQuerySchema,
    response: jsonList(VENDOR_LIST, 'Matching vendors'),
  },
  getVendor: {
    method: 'get',
    path: '/api/vendors/{id}',
    owner: 'contract',
    tag: 'contract',
    summary: 'A vendor (staff; a vendor user sees only its own)',
    roles: VENDOR_OR_STAFF,
    params: IdParamsSchema,
    response: json(c.Vendor, 'The vendor'),
  },
  createBudget: {
    method: 'post',
    path: '/api/budgets',
    owner: 'contract',
    tag: 'contract',
    summary: 'Create a budget line for a fiscal year',
    roles: ['accountant'],
    body: c.BudgetCreateRequest,
    response: json(c.Budget, 'The budget line', 201),
    errors: [409],
  },
  listBudgets: {
    method: 'get',
    path: '/api/budgets',
    owner: 'contract',
    tag: 'contract',
    summary: 'Budget lines with their encumbered, spent and available amounts (q: code or name)',
    roles: STAFF_ROLES,
    query: BudgetListQuerySchema,
    response: jsonList(BUDGET_LIST, 'Matching budget lines'),
  },
  getBudget: {
    method: 'get',
    path: '/api/budgets/{fiscalYear}/{code}',
    owner: 'contract',
    tag: 'contract',
    summary: 'A budget line with its encumbered, spent and available amounts',
    roles: STAFF_ROLES,
    params: BudgetKeyParamsSchema,
    response: json(c.Budget, 'The budget line'),
  },
  draftContract: {
    method: 'post',
    path: '/api/contracts',
    owner: 'contract',
    tag: 'contract',
    summary: 'Draft a contract (amount tax-included)',
    roles: ['procurement'],
    body: c.ContractCreateRequest,
    response: json(c.Contract, 'The draft contract', 201),
    location: '/api/contracts/{id}',
    errors: [422],
  },
  listContracts: {
    method: 'get',
    path: '/api/contracts',
    owner: 'contract',
    tag: 'contract',
    summary:
      'Search contracts (from/to bound startDate; q: title or document number; a vendor user gets only its own)',
    roles: VENDOR_OR_STAFF,
    query: ContractListQuerySchema,
    response: jsonList(CONTRACT_LIST, 'Matching contracts'),
  },
  getContract: {
    method: 'get',
    path: '/api/contracts/{id}',
    owner: 'contract',
    tag: 'contract',
    summary: 'A contract with its approvals and invoiced/paid/remaining amounts',
    roles: VENDOR_OR_STAFF,
    params: IdParamsSchema,
    response: json(c.Contract, 'The contract'),
  },
  getContractHistory: {
    method: 'get',
    path: '/api/contracts/{id}/history',
    owner: 'contract',
    tag: 'contract',
    summary: "A contract's audit entries, oldest first (its timeline)",
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    query: HistoryQuerySchema,
    response: jsonList(AUDIT_LIST, 'Audit entries of the contract'),
  },
  submitContract: {
    method: 'post',
    path: '/api/contracts/{id}/submit',
    owner: 'contract',
    tag: 'contract',
    summary: 'Submit a draft for approval',
    roles: ['procurement'],
    params: IdParamsSchema,
    response: json(c.Contract, 'The submitted contract'),
    errors: [409],
  },
  approveContract: {
    method: 'post',
    path: '/api/contracts/{id}/approve',
    owner: 'contract',
    tag: 'contract',
    summary:
      'Approve one step of the route (not by the submitter); encumbers the budget when complete',
    roles: ['approver'],
    params: IdParamsSchema,
    body: c.ContractApproveRequest,
    response: json(c.Contract, 'The contract, approved once the route is complete'),
    errors: [409, 422],
  },
  rejectContract: {
    method: 'post',
    path: '/api/contracts/{id}/reject',
    owner: 'contract',
    tag: 'contract',
    summary: 'Reject a submitted contract',
    roles: ['approver'],
    params: IdParamsSchema,
    body: c.RejectRequest,
    response: json(c.Contract, 'The rejected contract'),
    errors: [409],
  },
  getContractVoucher: {
    method: 'get',
    path: '/api/contracts/{id}/voucher.pdf',
    owner: 'contract',
    tag: 'contract',
    summary: '支出負担行為決議書 (commitment voucher)',
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    response: file('application/pdf', 'The voucher'),
  },
  searchBanks: {
    method: 'get',
    path: '/api/banks',
    owner: 'contract',
    tag: 'contract',
    summary: 'Search the Zengin bank codes (q: code prefix, or name or kana contains)',
    roles: VENDOR_OR_STAFF,
    query: BankListQuerySchema,
    response: jsonList(BANK_LIST, 'Matching banks, at most 50 a page'),
  },
  listBranches: {
    method: 'get',
    path: '/api/banks/{bankCode}/branches',
    owner: 'contract',
    tag: 'contract',
    summary: "Search a bank's branches (q: code prefix, or name or kana contains)",
    roles: VENDOR_OR_STAFF,
    params: BankCodeParamsSchema,
    query: BankListQuerySchema,
    response: jsonList(BANK_LIST, 'Matching branches, at most 50 a page'),
  },
  searchContractAudit: auditSearch('contract'),
});
