// Typed calls per resource, named as API.md names them. Bodies and answers are the types of the
// shared schemas (types only: the answers are not parsed again in the browser).
import type {
  AuditEntry,
  AuditFilters as AuditFilterFields,
  AuthUser,
  Bank,
  Budget,
  BudgetListFilters,
  BudgetCreateRequest,
  Contract,
  ContractApproveRequest,
  ContractCreateRequest,
  ContractListFilters,
  Invoice,
  InvoiceCreateRequest,
  InvoiceListFilters,
  Payment,
  PaymentListFilters,
  PortalUserCreateRequest,
  RejectRequest,
  Remittance,
  Session,
  TrailOwner,
  TransferBatch,
  TransferBatchCreateRequest,
  TransferBatchListFilters,
  Vendor,
  VendorCreateRequest,
  VendorListFilters,
} from '@denpyo/schemas';
import type { z } from 'zod';
import { csvUrl, getJson, getList, postJson, request, type ListParams, type Query } from './client';
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
/** The vendor's remittances take paging and order only. */
export type RemittanceFilters = Record<never, never>;
export type AuditFilters = FilterValues<typeof AuditFilterFields>;

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
      }).then((r) => r.json() as Promise<Session>),
    signOut: (): Promise<unknown> =>
      postJson('/api/auth/logout', undefined, { expectUnauthorized: true }),
  },

  vendors: {
    ...listOf<Vendor, VendorFilters>('/api/vendors'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<Vendor>(`/api/vendors/${enc(id)}`, {}, signal),
    register: (body: VendorCreateRequest, options: PostOptions = {}) =>
      postJson<Vendor>('/api/vendors', body, options),
    createPortalUser: (id: string, body: PortalUserCreateRequest, options: PostOptions = {}) =>
      postJson<AuthUser>(`/api/vendors/${enc(id)}/portal-users`, body, options),
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

  contracts: {
    ...listOf<Contract, ContractFilters>('/api/contracts'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<Contract>(`/api/contracts/${enc(id)}`, {}, signal),
    history: (id: string, signal?: AbortSignal) =>
      getJson<AuditEntry[]>(`/api/contracts/${enc(id)}/history`, {}, signal),
    draft: (body: ContractCreateRequest, options: PostOptions = {}) =>
      postJson<Contract>('/api/contracts', body, options),
    submit: (id: string) => postJson<Contract>(`/api/contracts/${enc(id)}/submit`),
    approve: (id: string, body: ContractApproveRequest = {}) =>
      postJson<Contract>(`/api/contracts/${enc(id)}/approve`, body),
    reject: (id: string, body: RejectRequest) =>
      postJson<Contract>(`/api/contracts/${enc(id)}/reject`, body),
    voucherUrl: (id: string) => `/api/contracts/${enc(id)}/voucher.pdf`,
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
  },

  payments: {
    ...listOf<Payment, PaymentFilters>('/api/payments'),
    remittanceNoticeUrl: (id: string) => `/api/payments/${enc(id)}/remittance-notice.pdf`,
  },

  transferBatches: {
    ...listOf<TransferBatch, TransferBatchFilters>('/api/transfer-batches'),
    get: (id: string, signal?: AbortSignal) =>
      getJson<TransferBatch>(`/api/transfer-batches/${enc(id)}`, {}, signal),
    create: (body: TransferBatchCreateRequest, options: PostOptions = {}) =>
      postJson<TransferBatch>('/api/transfer-batches', body, options),
    approve: (id: string) => postJson<TransferBatch>(`/api/transfer-batches/${enc(id)}/approve`),
    settle: (id: string) => postJson<TransferBatch>(`/api/transfer-batches/${enc(id)}/settle`),
    zenginUrl: (id: string) => `/api/transfer-batches/${enc(id)}/zengin`,
  },

  remittances: listOf<Remittance, RemittanceFilters>('/api/vendor/remittances'),

  audit: {
    trail: (trail: AuditTrail) => listOf<AuditEntry, AuditFilters>(`/api/audit/${trail}`),
  },
};
