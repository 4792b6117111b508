// The contract service's operations: vendors, budgets, contracts and their approval; the bank
// and branch search of the Zengin code data.
import {
  AmendmentCreateRequestSchema,
  AmendmentParamsSchema,
  AmendmentSchema,
  BankAccountChangeRequestSchema,
  BankAccountChangeSchema,
  BankCodeParamsSchema,
  BankListFilters,
  BudgetListFilters,
  BudgetTransferCreateRequestSchema,
  BudgetTransferListFilters,
  BudgetTransferSchema,
  ContractCancelRequestSchema,
  ContractListFilters,
  ContractUpdateRequestSchema,
  VendorChangeParamsSchema,
  VendorListFilters,
  type ContractStatus,
} from '../contract';
import type { PagedQuery } from '../paging';
import { BudgetKeyParamsSchema, IdParamsSchema, withRangeChecks } from '../query';
import { STAFF_ROLES } from '../values';
import { VerificationQuerySchema } from '../verification';
import type { z } from '../zod';
import * as c from './components';
import { AUDIT_LIST, auditSearch, auditVerify, HistoryQuerySchema } from './common';
import { declareOperations, file, json, jsonList, listing, listQuery } from './operation';

/** Contract statuses in words: the CSV columns and the web app (status.contract.*). */
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: '下書き',
  submitted: '承認待ち',
  approved: '承認済',
  rejected: '差戻し',
  completed: '完了',
  cancelled: '取消',
};

const BankAccountChange = BankAccountChangeSchema.openapi('BankAccountChange');
const BankAccountChangeRequest = BankAccountChangeRequestSchema.openapi('BankAccountChangeRequest');
const ContractUpdateRequest = ContractUpdateRequestSchema.openapi('ContractUpdateRequest');
const ContractCancelRequest = ContractCancelRequestSchema.openapi('ContractCancelRequest');
const Amendment = AmendmentSchema.openapi('Amendment');
const AmendmentCreateRequest = AmendmentCreateRequestSchema.openapi('AmendmentCreateRequest');
const BudgetTransfer = BudgetTransferSchema.openapi('BudgetTransfer');
const BudgetTransferCreateRequest = BudgetTransferCreateRequestSchema.openapi(
  'BudgetTransferCreateRequest',
);

/** Contract kinds and methods in words: the CSV columns (the voucher prints the same). */
export const CONTRACT_KIND_LABELS = { goods: '物品', services: '役務', works: '工事' } as const;
export const CONTRACT_METHOD_LABELS = {
  'open-tender': '一般競争入札',
  'designated-tender': '指名競争入札',
  negotiated: '随意契約',
} as const;

const ACCOUNT_TYPE_LABELS = { ordinary: '普通', current: '当座', savings: '貯蓄' } as const;

export const VENDOR_LIST = listing(c.Vendor, {
  sortable: ['name'],
  defaultSort: 'name',
  columns: [
    { header: '取引先ID', value: 'id' },
    { header: '名称', value: 'name' },
    { header: 'フリガナ', value: 'nameKana' },
    { header: '区分', value: (v) => (v.kind === 'individual' ? '個人' : '法人') },
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
  key: ['fiscalYear', 'code'],
  sortable: ['code', 'fiscalYear'],
  defaultSort: 'code',
  columns: [
    { header: '年度', value: 'fiscalYear' },
    { header: '予算科目', value: 'code' },
    { header: '名称', value: 'name' },
    { header: '予算額', value: 'amount' },
    { header: '流用増額', value: 'transfersIn' },
    { header: '流用減額', value: 'transfersOut' },
    { header: '予算現額', value: 'currentAmount' },
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
    { header: '種別', value: (contract) => CONTRACT_KIND_LABELS[contract.kind] },
    {
      header: '契約方法',
      value: (contract) => (contract.method ? CONTRACT_METHOD_LABELS[contract.method] : ''),
    },
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
const TRANSFER_STATUS_LABELS = {
  requested: '申請中',
  approved: '承認済',
  rejected: '却下',
} as const;

const CHANGE_STATUS_LABELS = { requested: '申請中', approved: '承認済', rejected: '却下' } as const;

export const BANK_ACCOUNT_CHANGE_LIST = listing(BankAccountChange, {
  sortable: ['requestedAt'],
  defaultSort: 'requestedAt',
  defaultOrder: 'desc',
  columns: [
    { header: '取引先ID', value: 'vendorId' },
    { header: '状態', value: (c) => CHANGE_STATUS_LABELS[c.status] },
    { header: '銀行コード', value: (c) => c.bankAccount.bankCode },
    { header: '支店コード', value: (c) => c.bankAccount.branchCode },
    { header: '預金種目', value: (c) => ACCOUNT_TYPE_LABELS[c.bankAccount.type] },
    { header: '口座番号', value: (c) => c.bankAccount.number },
    { header: '口座名義', value: (c) => c.bankAccount.holderKana },
    { header: '理由', value: 'reason' },
    { header: '申請者', value: (c) => c.requestedBy.displayName },
    { header: '申請日時', value: 'requestedAt' },
    { header: '決定者', value: (c) => c.decidedBy?.displayName },
    { header: '決定日時', value: 'decidedAt' },
    { header: '変更ID', value: 'id' },
  ],
});
export const BankAccountChangeListQuerySchema = listQuery(BANK_ACCOUNT_CHANGE_LIST, {});
export type BankAccountChangeListQuery = PagedQuery<
  z.infer<typeof BankAccountChangeListQuerySchema>
>;

export const BUDGET_TRANSFER_LIST = listing(BudgetTransfer, {
  sortable: ['requestedAt'],
  defaultSort: 'requestedAt',
  defaultOrder: 'desc',
  columns: [
    { header: '年度', value: 'fiscalYear' },
    { header: '流用元', value: 'fromCode' },
    { header: '流用先', value: 'toCode' },
    { header: '金額', value: 'amount' },
    { header: '理由', value: 'reason' },
    { header: '状態', value: (t) => TRANSFER_STATUS_LABELS[t.status] },
    { header: '申請者', value: (t) => t.requestedBy.displayName },
    { header: '申請日時', value: 'requestedAt' },
    { header: '決定者', value: (t) => t.decidedBy?.displayName },
    { header: '決定日時', value: 'decidedAt' },
    { header: '流用ID', value: 'id' },
  ],
});
export const BudgetTransferListQuerySchema = listQuery(
  BUDGET_TRANSFER_LIST,
  BudgetTransferListFilters,
);
export type BudgetTransferListQuery = PagedQuery<z.infer<typeof BudgetTransferListQuerySchema>>;

export const ContractListQuerySchema = withRangeChecks(
  listQuery(CONTRACT_LIST, ContractListFilters),
);
export type ContractListQuery = PagedQuery<z.infer<typeof ContractListQuerySchema>>;

/** Banks and branches for the pickers: at most 50 a page. */
export const BANK_LIST = listing(c.Bank, {
  key: ['code'],
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
    description:
      'kind: corporation (法人, default) or individual (個人: its fees may be subject to withholding, 所得税法 Art. 204). invoiceRegistrationNumber is optional: a tax-exempt business (免税事業者) without one can be contracted and paid.',
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
  requestBankAccountChange: {
    method: 'post',
    path: '/api/vendors/{id}/bank-account-changes',
    owner: 'contract',
    tag: 'contract',
    summary: "口座変更の申請 — Request a change of a vendor's bank account",
    description:
      "Four eyes (地方自治法 Art. 232-4 spirit; the usual place of payment fraud): the account is validated as at registration (the bank and branch exist in the Zengin code data, the holder name in Zengin kana) and only replaces the vendor's account when another person approves it. One pending change per vendor (409 while one is requested).",
    roles: ['procurement'],
    params: IdParamsSchema,
    body: BankAccountChangeRequest,
    response: json(BankAccountChange, 'The requested change', 201),
    errors: [409, 422],
  },
  listBankAccountChanges: {
    method: 'get',
    path: '/api/vendors/{id}/bank-account-changes',
    owner: 'contract',
    tag: 'contract',
    summary:
      "口座変更の履歴 — A vendor's bank account changes, newest first (a vendor user: its own)",
    roles: VENDOR_OR_STAFF,
    params: IdParamsSchema,
    query: BankAccountChangeListQuerySchema,
    response: jsonList(BANK_ACCOUNT_CHANGE_LIST, 'The changes, newest first'),
  },
  approveBankAccountChange: {
    method: 'post',
    path: '/api/vendors/{id}/bank-account-changes/{changeId}/approve',
    owner: 'contract',
    tag: 'contract',
    summary: '口座変更の承認 — Approve a requested bank account change (not by its requester)',
    description:
      "Replaces the vendor's bank account, audits the change and announces VendorBankAccountChanged: payments not yet in an approved transfer batch are paid to the new account; those already in an approved batch keep the account they were batched with.",
    roles: ['procurement', 'accountant'],
    params: VendorChangeParamsSchema,
    response: json(BankAccountChange, 'The approved change'),
    errors: [409],
  },
  rejectBankAccountChange: {
    method: 'post',
    path: '/api/vendors/{id}/bank-account-changes/{changeId}/reject',
    owner: 'contract',
    tag: 'contract',
    summary: '口座変更の却下 — Reject a requested bank account change (not by its requester)',
    roles: ['procurement', 'accountant'],
    params: VendorChangeParamsSchema,
    body: c.RejectRequest,
    response: json(BankAccountChange, 'The rejected change'),
    errors: [409],
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
    summary:
      'Budget lines with their current (予算現額), encumbered, spent and available amounts (q: code or name)',
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
    description:
      'currentAmount (予算現額) = amount + transfersIn − transfersOut (流用); available = currentAmount − encumbered. encumbered holds what approved contracts commit in this fiscal year; a later year of a multi-year contract (債務負担行為) encumbers its line once that year has begun (on or after its April 1): when the line is created, when the contract service starts, and when a transfer (流用) from or to the line is approved; a line that cannot take it yet is tried again at the next of these.',
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
    description:
      'kind: goods/services/works (default services; works have 14-day inspection and 40-day payment deadlines, 支払遅延防止法 Art. 5, 6); method: 契約方法 (地方自治法 Art. 234). A contract of fiscal year N starts within N (N-04-01..N+1-03-31, 会計年度独立の原則, 地方自治法 Art. 208), else 422 at startDate. A period ending after March 31 of N needs schedule (債務負担行為, 地方自治法 Art. 214): one entry per fiscal year the period touches, first = N, amounts summing to amount; else 422 at schedule. A fiscal year that is over (today after its March 31: the 出納整理期間 is for paying commitments already made, 地方自治法 Art. 208) or closed (出納閉鎖) takes no new contract: 422 at fiscalYear naming the year. The creator is recorded as 起案者 (name and title).',
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
  updateContract: {
    method: 'patch',
    path: '/api/contracts/{id}',
    owner: 'contract',
    tag: 'contract',
    summary: "下書きの修正 — Edit a draft contract (the fields given replace the draft's)",
    description:
      'Only a draft (409 otherwise). The edited draft is checked as a new one (parties, fiscal year, schedule).',
    roles: ['procurement'],
    params: IdParamsSchema,
    body: ContractUpdateRequest,
    response: json(c.Contract, 'The edited draft'),
    errors: [409, 422],
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
    description:
      "Fixes the route (決裁ルート) from the delegation table (専決規程, configurable as DELEGATION_RULES; default: < ¥1,000,000 kacho; < ¥10,000,000 kacho → bucho; < ¥50,000,000 kacho → bucho → fukushicho; from ¥50,000,000 kacho → bucho → fukushicho → shicho). Refused (422 at fiscalYear) once the contract's fiscal year is over (after its March 31, 会計年度独立, 地方自治法 Art. 208) or closed.",
    roles: ['procurement'],
    params: IdParamsSchema,
    response: json(c.Contract, 'The submitted contract'),
    errors: [409, 422],
  },
  approveContract: {
    method: 'post',
    path: '/api/contracts/{id}/approve',
    owner: 'contract',
    tag: 'contract',
    summary:
      'Approve one step of the route (not by the submitter); encumbers the budget when complete',
    description:
      "Each sign-off comes from an approver whose rank (token) is at least the next rank still needed on the route (a higher rank may sign for a lower one, never the reverse; 403 otherwise, and 403 for an approver without a rank). Nobody signs twice (409); the creator and the submitter never sign (403; 地方自治法 Art. 170). The sign-off that completes the route approves the contract (契約締結日 = today), encumbers the first fiscal year's amount on its budget line (422 when it exceeds the line's available amount) and any later year already begun, and announces ContractApproved. Every sign-off is refused (422 at fiscalYear) once the contract's fiscal year is over (after its March 31, 会計年度独立, 地方自治法 Art. 208) or closed.",
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
  completeContract: {
    method: 'post',
    path: '/api/contracts/{id}/complete',
    owner: 'contract',
    tag: 'contract',
    summary: '契約の完了 — Complete an approved contract, releasing its unused encumbrance',
    description:
      'The contract keeps what has been invoiced (invoices not rejected); amount − invoicedAmount is released from the budget (each year keeps its invoiced share, earliest year first; a later year not yet begun is simply not encumbered). Announces ContractClosed (outcome completed, releasedAmount); no more invoices.',
    roles: ['procurement'],
    params: IdParamsSchema,
    response: json(c.Contract, 'The completed contract'),
    errors: [409],
  },
  cancelContract: {
    method: 'post',
    path: '/api/contracts/{id}/cancel',
    owner: 'contract',
    tag: 'contract',
    summary: '契約の取消 — Cancel a draft, submitted, or approved contract with no invoices',
    description:
      'Releases all of its encumbrance (an approved contract), announces ContractClosed (outcome cancelled, releasedAmount). 409 once anything has been invoiced against it (complete it instead).',
    roles: ['procurement'],
    params: IdParamsSchema,
    body: ContractCancelRequest,
    response: json(c.Contract, 'The cancelled contract'),
    errors: [409],
  },
  requestAmendment: {
    method: 'post',
    path: '/api/contracts/{id}/amendments',
    owner: 'contract',
    tag: 'contract',
    summary: '変更契約の起案 — Propose an amendment of an approved contract (new amount, end date)',
    description:
      "Goes through the route the delegation table gives the new amount and the contract's kind, fixed now. The new end date keeps the period's rules (a multi-year contract restates its schedule). One open amendment per contract (409).",
    roles: ['procurement'],
    params: IdParamsSchema,
    body: AmendmentCreateRequest,
    response: json(Amendment, 'The submitted amendment', 201),
    errors: [409, 422],
  },
  approveAmendment: {
    method: 'post',
    path: '/api/contracts/{id}/amendments/{amendmentId}/approve',
    owner: 'contract',
    tag: 'contract',
    summary: "変更契約の決裁 — Approve one step of an amendment's route",
    description:
      "The same rules as a contract's sign-off (rank of the next step, nobody twice); the contract's creator and submitter and the amendment's requester never decide it (403, 地方自治法 Art. 170). An increase in a fiscal year that is over (Art. 208) or any change in a closed one: 422. The final sign-off changes the contract: an increase encumbers more (422 if the budget's available is short; nothing changes), a decrease releases, never below what is already invoiced (422). Announces ContractAmended (with the restated schedule of a multi-year contract).",
    roles: ['approver'],
    params: AmendmentParamsSchema,
    body: c.ContractApproveRequest,
    response: json(Amendment, 'The amendment, approved once its route is complete'),
    errors: [409, 422],
  },
  rejectAmendment: {
    method: 'post',
    path: '/api/contracts/{id}/amendments/{amendmentId}/reject',
    owner: 'contract',
    tag: 'contract',
    summary: '変更契約の差戻し — Reject a submitted amendment',
    description:
      "Decided by whoever may sign its next step, by the approval rules: that step's rank or above (403), not one who already signed (409), never the contract's creator or submitter or the amendment's requester (403, 地方自治法 Art. 170). 409 unless submitted.",
    roles: ['approver'],
    params: AmendmentParamsSchema,
    body: c.RejectRequest,
    response: json(Amendment, 'The rejected amendment'),
    errors: [409],
  },
  requestBudgetTransfer: {
    method: 'post',
    path: '/api/budget-transfers',
    owner: 'contract',
    tag: 'contract',
    summary: '予算の流用申請 — Request a transfer between 節 of the same 目',
    description:
      "流用 between 節 of the same 款・項・目 (地方自治法 Art. 220(2): 目 and 節 are 執行科目 the head may move between): fromCode and toCode share their first three groups and differ in the fourth (422 otherwise), both lines exist in fiscalYear, and amount is at most the source line's available amount (422). A closed fiscal year: 422.",
    roles: ['accountant'],
    body: BudgetTransferCreateRequest,
    response: json(BudgetTransfer, 'The requested transfer', 201),
    errors: [422],
  },
  listBudgetTransfers: {
    method: 'get',
    path: '/api/budget-transfers',
    owner: 'contract',
    tag: 'contract',
    summary: '流用の一覧 — Budget transfers, newest first (fiscalYear, status)',
    roles: STAFF_ROLES,
    query: BudgetTransferListQuerySchema,
    response: jsonList(BUDGET_TRANSFER_LIST, 'Matching budget transfers'),
  },
  approveBudgetTransfer: {
    method: 'post',
    path: '/api/budget-transfers/{id}/approve',
    owner: 'contract',
    tag: 'contract',
    summary: '流用の承認 — Approve a budget transfer (an approver of the configured rank or above)',
    description:
      "Decided by an approver of rank TRANSFER_APPROVER_RANK or above (default 課長, the finance section's head under the delegation rules, 地方自治法 Art. 153; not the treasurer, who pays but does not execute the budget, Art. 170), never by its requester (403). Moves the amount: the source's transfersOut and the target's transfersIn grow, re-checking the source's available amount now (422). Audited. A closed fiscal year: 422.",
    roles: ['approver'],
    params: IdParamsSchema,
    response: json(BudgetTransfer, 'The approved transfer'),
    errors: [409, 422],
  },
  rejectBudgetTransfer: {
    method: 'post',
    path: '/api/budget-transfers/{id}/reject',
    owner: 'contract',
    tag: 'contract',
    summary: '流用の却下 — Reject a budget transfer',
    roles: ['approver'],
    params: IdParamsSchema,
    body: c.RejectRequest,
    response: json(BudgetTransfer, 'The rejected transfer'),
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
  verifyContractVoucher: {
    method: 'get',
    path: '/api/contracts/{id}/voucher/verification',
    owner: 'contract',
    tag: 'contract',
    summary: '支出負担行為決議書の照合 — Does a printed commitment voucher match the record?',
    description:
      "Answers whether a printed 支出負担行為決議書 matches the record: the hash of the voucher the record gives now (the same data the PDF is printed from), and with `?hash=` (the 64 hex digits printed on the voucher; blanks and upper case forgiven) whether they are equal. A print made before the record changed (an amendment, a sign-off, its conclusion) no longer matches. The page a voucher's QR code opens asks this.",
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    query: VerificationQuerySchema,
    response: json(c.DocumentVerification, "The record's hash, and whether the given one matches"),
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
  verifyContractAudit: auditVerify('contract'),
});
