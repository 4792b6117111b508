// Typed calls per resource, named as API.md names them. Bodies and answers are the types of the
// shared schemas (types only: the answers are not parsed again in the browser).
import type {
  Amendment,
  AmendmentCreateRequest,
  AuditEntry,
  AuditVerification,
  BankAccountChange,
  BankAccountChangeRequest,
  ContractCancelRequest,
  ContractUpdateRequest,
  DocumentVerification,
  AuditFilters as AuditFilterFields,
  AuthUser,
  Bank,
  Budget,
  BudgetListFilters,
  BudgetCreateRequest,
  BudgetTransfer,
  BudgetTransferCreateRequest,
  BudgetTransferListFilters,
  Contract,
  ContractApproveRequest,
  EInvoicePreview,
  FiscalYearStatus,
  ContractCreateRequest,
  ContractListFilters,
  Invoice,
  InvoiceCreateRequest,
  InvoiceListFilters,
  Payment,
  PaymentListFilters,
  PaymentRetryRequest,
  PortalUserCreateRequest,
  RejectRequest,
  Remittance,
  RemittanceListFilters,
  Session,
  TrailOwner,
  TransferBatch,
  TransferBatchCancelRequest,
  TransferBatchCreateRequest,
  TransferBatchListFilters,
  TransferBatchRedateRequest,
  TransferBatchSettleRequest,
  Vendor,
  VendorCreateRequest,
  VendorListFilters,
  WithholdingAnnualEntry,
  WithholdingLedgerEntry,
  WithholdingLedgerSummary,
} from '@denpyo/schemas';
import type { z } from 'zod';
import {
  csvUrl,
  getJson,
  getList,
  keepSessionFresh,
  postJson,
  postXml,
  request,
  stopSessionRenewal,
  type ListParams,
  type Query,
} from './client';
import type { ListPage } from './list';

/** A bank or a branch from the Zengin code data (GET /api/banks…); kana is half-width. */
export type BankEntry = Bank;
export type { Session };

/** The four audit trails (one per process). */
export type AuditTrail = TrailOwner;

type Filters<F> = F & ListParams;
type PostOptions = { idempotencyKey?: string | undefined };

const enc = encodeURIComponent;

// ---- filters of each list: the schemas' own filter fields (every list also takes page,
// pageSize, sort and order) ----

/** A list's filters as the app passes them: each optional, in its parsed form. */
type FilterValues<Shape extends z.ZodRawShape> = {
  [K in keyof Shape]?: z.output<Shape[K]> | undefined;
};
export type ContractFilters = FilterValues<typeof ContractListFilters>;
export type InvoiceFilters = FilterValues<typeof InvoiceListFilters>;
export type PaymentFilters = FilterValues<typeof PaymentListFilters>;
export type VendorFilters = FilterValues<typeof VendorListFilters>;
export type BudgetFilters = FilterValues<typeof BudgetListFilters>;
export type TransferBatchFilters = FilterValues<typeof TransferBatchListFilters>;
export type BudgetTransferFilters = FilterValues<typeof BudgetTransferListFilters>;
/** The vendor's remittances: a period of transfer dates (from/to). */
export type RemittanceFilters = FilterValues<typeof RemittanceListFilters>;
export type AuditFilters = FilterValues<typeof AuditFilterFields>;
/** The withholding ledger's month (YYYY-MM) and the annual list's calendar year. */
export type WithholdingMonthFilters = { month: string };
export type WithholdingYearFilters = { year: number };

/** A list resource: its path, one page of it, and the CSV of all its matches. */
function listOf<T, F>(path: string) {
  return {
    path,
    list: (filters: Filters<F> = {} as Filters<F>, signal?: AbortSignal): Promise<ListPage<T>> =>
      getList<T>(path, filters as Query, signal),
    csv: (filters: F = {} as F): string => csvUrl(path, filters as Query),
  };
}

export const api = {
  session: {
    /** The signed-in user, or null when there is no session. */
    get: async (signal?: AbortSignal): Promise<AuthUser | null> => {
      try {
        const response = await request('/api/auth/session', { signal, expectUnauthorized: true });
        return ((await response.json()) as Session).user;
      } catch (error) {
        if (error instanceof Error && 'status' in error && error.status === 401) return null;
        throw error;
      }
    },
    signIn: (username: string, password: string): Promise<Session> =>
      request('/api/auth/session', {
        method: 'POST',
        body: { username, password },
        expectUnauthorized: true,
      })
        .then((r) => r.json() as Promise<Session>)
        .then((session) => {
          keepSessionFresh(session.expiresIn);
          return session;
        }),
    /** Revokes the session at the portal (not only the cookies) and stops renewing it. */
    signOut: (): Promise<unknown> => {
      stopSessionRenewal();
      return postJson('/api/auth/logout', undefined, { expectUnauthorized: true });
    },
  },

  vendors: {
    ...listOf<Vendor, VendorFilters>('/api/vendors'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<Vendor>(`/api/vendors/${enc(id)}`, {}, signal),
    register: (body: VendorCreateRequest, options: PostOptions = {}) =>
      postJson<Vendor>('/api/vendors', body, options),
    createPortalUser: (id: string, body: PortalUserCreateRequest, options: PostOptions = {}) =>
      postJson<AuthUser>(`/api/vendors/${enc(id)}/portal-users`, body, options),
    /** 口座変更: requested by one person, approved or rejected by another (four eyes). */
    bankAccountChanges: (id: string, signal?: AbortSignal) =>
      getJson<BankAccountChange[]>(`/api/vendors/${enc(id)}/bank-account-changes`, {}, signal),
    requestBankAccountChange: (
      id: string,
      body: BankAccountChangeRequest,
      options: PostOptions = {},
    ) => postJson<BankAccountChange>(`/api/vendors/${enc(id)}/bank-account-changes`, body, options),
    approveBankAccountChange: (id: string, changeId: string) =>
      postJson<BankAccountChange>(
        `/api/vendors/${enc(id)}/bank-account-changes/${enc(changeId)}/approve`,
      ),
    rejectBankAccountChange: (id: string, changeId: string, body: RejectRequest) =>
      postJson<BankAccountChange>(
        `/api/vendors/${enc(id)}/bank-account-changes/${enc(changeId)}/reject`,
        body,
      ),
  },

  banks: {
    search: (q: string, signal?: AbortSignal) => getJson<BankEntry[]>('/api/banks', { q }, signal),
    branches: (bankCode: string, q: string, signal?: AbortSignal) =>
      getJson<BankEntry[]>(`/api/banks/${enc(bankCode)}/branches`, { q }, signal),
  },

  budgets: {
    ...listOf<Budget, BudgetFilters>('/api/budgets'),
    get: (fiscalYear: number, code: string, signal?: AbortSignal) =>
      getJson<Budget>(`/api/budgets/${fiscalYear}/${enc(code)}`, {}, signal),
    create: (body: BudgetCreateRequest, options: PostOptions = {}) =>
      postJson<Budget>('/api/budgets', body, options),
  },

  /** 流用: transfers between 節 of the same 目, requested by an accountant, decided by an approver. */
  budgetTransfers: {
    ...listOf<BudgetTransfer, BudgetTransferFilters>('/api/budget-transfers'),
    request: (body: BudgetTransferCreateRequest, options: PostOptions = {}) =>
      postJson<BudgetTransfer>('/api/budget-transfers', body, options),
    approve: (id: string) => postJson<BudgetTransfer>(`/api/budget-transfers/${enc(id)}/approve`),
    reject: (id: string, body: RejectRequest) =>
      postJson<BudgetTransfer>(`/api/budget-transfers/${enc(id)}/reject`, body),
  },

  contracts: {
    ...listOf<Contract, ContractFilters>('/api/contracts'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<Contract>(`/api/contracts/${enc(id)}`, {}, signal),
    history: (id: string, signal?: AbortSignal) =>
      getJson<AuditEntry[]>(`/api/contracts/${enc(id)}/history`, {}, signal),
    draft: (body: ContractCreateRequest, options: PostOptions = {}) =>
      postJson<Contract>('/api/contracts', body, options),
    /** Edits a draft (the fields given replace the draft's). */
    update: (id: string, body: ContractUpdateRequest) =>
      request(`/api/contracts/${enc(id)}`, { method: 'PATCH', body }).then(
        (r) => r.json() as Promise<Contract>,
      ),
    submit: (id: string) => postJson<Contract>(`/api/contracts/${enc(id)}/submit`),
    /** Releases the unused encumbrance; no more invoices. */
    complete: (id: string) => postJson<Contract>(`/api/contracts/${enc(id)}/complete`),
    /** Releases all of it (no invoices yet). */
    cancel: (id: string, body: ContractCancelRequest) =>
      postJson<Contract>(`/api/contracts/${enc(id)}/cancel`, body),
    /** 変更契約: the new amount (and end date) through the route of the new amount. */
    requestAmendment: (id: string, body: AmendmentCreateRequest, options: PostOptions = {}) =>
      postJson<Amendment>(`/api/contracts/${enc(id)}/amendments`, body, options),
    approveAmendment: (id: string, amendmentId: string, body: ContractApproveRequest = {}) =>
      postJson<Amendment>(`/api/contracts/${enc(id)}/amendments/${enc(amendmentId)}/approve`, body),
    rejectAmendment: (id: string, amendmentId: string, body: RejectRequest) =>
      postJson<Amendment>(`/api/contracts/${enc(id)}/amendments/${enc(amendmentId)}/reject`, body),
    approve: (id: string, body: ContractApproveRequest = {}) =>
      postJson<Contract>(`/api/contracts/${enc(id)}/approve`, body),
    reject: (id: string, body: RejectRequest) =>
      postJson<Contract>(`/api/contracts/${enc(id)}/reject`, body),
    voucherUrl: (id: string) => `/api/contracts/${enc(id)}/voucher.pdf`,
    /** Whether a printed 支出負担行為決議書 (its hash) matches the record. */
    verifyVoucher: (id: string, hash: string | undefined, signal?: AbortSignal) =>
      getJson<DocumentVerification>(
        `/api/contracts/${enc(id)}/voucher/verification`,
        { hash },
        signal,
      ),
  },

  invoices: {
    ...listOf<Invoice, InvoiceFilters>('/api/invoices'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<Invoice>(`/api/invoices/${enc(id)}`, {}, signal),
    history: (id: string, signal?: AbortSignal) =>
      getJson<AuditEntry[]>(`/api/invoices/${enc(id)}/history`, {}, signal),
    receive: (body: InvoiceCreateRequest, options: PostOptions = {}) =>
      postJson<Invoice>('/api/invoices', body, options),
    inspect: (id: string) => postJson<Invoice>(`/api/invoices/${enc(id)}/inspect`),
    /** 支出命令 (payment order). */
    orderPayment: (id: string) => postJson<Invoice>(`/api/invoices/${enc(id)}/approve`),
    reject: (id: string, body: RejectRequest) =>
      postJson<Invoice>(`/api/invoices/${enc(id)}/reject`, body),
    /** 支出命令書 (payment order voucher). */
    voucherUrl: (id: string) => `/api/invoices/${enc(id)}/voucher.pdf`,
    /** Whether a printed 支出命令書 (its hash) matches the record. */
    verifyVoucher: (id: string, hash: string | undefined, signal?: AbortSignal) =>
      getJson<DocumentVerification>(
        `/api/invoices/${enc(id)}/voucher/verification`,
        { hash },
        signal,
      ),
    /** A JP PINT e-invoice file, registered as it is. */
    receiveEInvoice: (xml: Blob, options: PostOptions = {}) =>
      postXml<Invoice>('/api/invoices/e-invoice', xml, options),
    /** What the e-invoice would be, registering nothing. */
    previewEInvoice: (xml: Blob) =>
      postXml<EInvoicePreview>('/api/invoices/e-invoice/preview', xml),
    /** The e-invoice's XML exactly as received. */
    originalUrl: (id: string) => `/api/invoices/${enc(id)}/original`,
    /** A credit note's XML exactly as received. */
    creditNoteOriginalUrl: (id: string, creditId: string) =>
      `/api/invoices/${enc(id)}/credit-notes/${enc(creditId)}/original`,
  },

  payments: {
    ...listOf<Payment, PaymentFilters>('/api/payments'),
    remittanceNoticeUrl: (id: string) => `/api/payments/${enc(id)}/remittance-notice.pdf`,
    /** 会計管理者の確認 of a payment order (never by the one who ordered it). */
    confirm: (id: string) => postJson<Payment>(`/api/payments/${enc(id)}/confirm`, {}),
    /** A failed payment (振込不能) back to confirmed, to be batched again. */
    retry: (id: string, body: PaymentRetryRequest = {}) =>
      postJson<Payment>(`/api/payments/${enc(id)}/retry`, body),
  },

  transferBatches: {
    ...listOf<TransferBatch, TransferBatchFilters>('/api/transfer-batches'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<TransferBatch>(`/api/transfer-batches/${enc(id)}`, {}, signal),
    create: (body: TransferBatchCreateRequest, options: PostOptions = {}) =>
      postJson<TransferBatch>('/api/transfer-batches', body, options),
    approve: (id: string) => postJson<TransferBatch>(`/api/transfer-batches/${enc(id)}/approve`),
    /** The bank's result: the listed failures become 振込不能, the others paid. */
    settle: (id: string, body: TransferBatchSettleRequest = {}) =>
      postJson<TransferBatch>(`/api/transfer-batches/${enc(id)}/settle`, body),
    cancel: (id: string, body: TransferBatchCancelRequest = {}) =>
      postJson<TransferBatch>(`/api/transfer-batches/${enc(id)}/cancel`, body),
    redate: (id: string, body: TransferBatchRedateRequest) =>
      postJson<TransferBatch>(`/api/transfer-batches/${enc(id)}/transfer-date`, body),
    zenginUrl: (id: string) => `/api/transfer-batches/${enc(id)}/zengin`,
    summaryUrl: (id: string) => `/api/transfer-batches/${enc(id)}/summary.pdf`,
    /** 振込通知書 of one vendor in the batch. */
    remittanceNoticeUrl: (id: string, vendorId: string) =>
      `/api/transfer-batches/${enc(id)}/vendors/${enc(vendorId)}/remittance-notice.pdf`,
    /** Whether a printed 振込通知書 (its hash) matches the record. */
    verifyRemittanceNotice: (
      id: string,
      vendorId: string,
      hash: string | undefined,
      signal?: AbortSignal,
    ) =>
      getJson<DocumentVerification>(
        `/api/transfer-batches/${enc(id)}/vendors/${enc(vendorId)}/remittance-notice/verification`,
        { hash },
        signal,
      ),
  },

  remittances: listOf<Remittance, RemittanceFilters>('/api/vendor/remittances'),

  /** 出納閉鎖: the fiscal years with payments, and closing one. */
  fiscalYears: {
    list: (signal?: AbortSignal) =>
      getJson<FiscalYearStatus[]>('/api/fiscal-years', { order: 'desc' }, signal),
    close: (fiscalYear: number) =>
      postJson<FiscalYearStatus>(`/api/fiscal-years/${fiscalYear}/close`),
  },

  /** 源泉徴収簿 by month (with its totals) and per recipient by calendar year (支払調書). */
  withholding: {
    ...listOf<WithholdingLedgerEntry, WithholdingMonthFilters>('/api/withholding-ledger'),
    summary: (month: string, signal?: AbortSignal) =>
      getJson<WithholdingLedgerSummary>('/api/withholding-ledger/summary', { month }, signal),
    annual: listOf<WithholdingAnnualEntry, WithholdingYearFilters>(
      '/api/withholding-ledger/annual',
    ),
  },

  audit: {
    trail: (trail: AuditTrail) => listOf<AuditEntry, AuditFilters>(`/api/audit/${trail}`),
    /** 改ざんの検証: every trail's hash chain and the anchors, re-computed by the services. */
    verify: (signal?: AbortSignal) => getJson<AuditVerification>('/api/audit/verify', {}, signal),
  },
};
