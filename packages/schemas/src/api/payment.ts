// The payment service's operations: payments, transfer batches, Zengin files, remittances.
import type { PagedQuery } from '../paging';
import {
  PaymentListFilters,
  TransferBatchListFilters,
  type PaymentStatus,
  type TransferBatchStatus,
} from '../payment';
import { IdParamsSchema, withRangeChecks } from '../query';
import { STAFF_ROLES } from '../values';
import type { z } from '../zod';
import * as c from './components';
import { auditSearch } from './common';
import { declareOperations, file, json, jsonList, listing, listQuery } from './operation';

/** Payment statuses in words: the CSV columns and the web app (status.payment.*). */
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  scheduled: '支払予定',
  batched: '振込手続中',
  paid: '支払済',
  failed: '振込不能',
};

/** Transfer batch statuses in words: the CSV columns and the web app (status.batch.*). */
export const TRANSFER_BATCH_STATUS_LABELS: Record<TransferBatchStatus, string> = {
  draft: '承認待ち',
  approved: '承認済',
  settled: '振込済',
};

export const PAYMENT_LIST = listing(c.Payment, {
  sortable: ['dueDate', 'amount', 'status'],
  defaultSort: 'dueDate',
  columns: [
    { header: '支払期限', value: 'dueDate' },
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '金額', value: 'amount' },
    { header: '状態', value: (payment) => PAYMENT_STATUS_LABELS[payment.status] },
    { header: '振込日', value: 'transferDate' },
    { header: '取引先ID', value: 'vendorId' },
    { header: '契約ID', value: 'contractId' },
    { header: '請求書ID', value: 'invoiceId' },
    { header: '振込バッチID', value: 'batchId' },
    { header: '支払ID', value: 'id' },
  ],
});
// An empty due-date range is almost always a mistake in the request: a 400, not an empty list.
export const PaymentListQuerySchema = listQuery(PAYMENT_LIST, PaymentListFilters).refine(
  (q) => !q.dueFrom || !q.dueTo || q.dueFrom <= q.dueTo,
  { error: 'must not be before dueFrom', path: ['dueTo'] },
);
export type PaymentListQuery = PagedQuery<z.infer<typeof PaymentListQuerySchema>>;

export const TRANSFER_BATCH_LIST = listing(c.TransferBatch, {
  sortable: ['transferDate', 'total'],
  defaultSort: 'transferDate',
  defaultOrder: 'desc',
  columns: [
    { header: '振込日', value: 'transferDate' },
    { header: '状態', value: (batch) => TRANSFER_BATCH_STATUS_LABELS[batch.status] },
    { header: '件数', value: 'count' },
    { header: '合計金額', value: 'total' },
    { header: '作成者', value: 'createdBy' },
    { header: '承認者', value: 'approvedBy' },
    { header: '承認日時', value: 'approvedAt' },
    { header: '振込完了日時', value: 'settledAt' },
    { header: '振込バッチID', value: 'id' },
  ],
});
export const TransferBatchListQuerySchema = withRangeChecks(
  listQuery(TRANSFER_BATCH_LIST, TransferBatchListFilters),
);
export type TransferBatchListQuery = PagedQuery<z.infer<typeof TransferBatchListQuerySchema>>;

/** A vendor's own payments: upcoming first (no transfer date yet), then the latest paid. */
export const REMITTANCE_LIST = listing(c.Remittance, {
  sortable: ['transferDate', 'amount'],
  defaultSort: 'transferDate',
  defaultOrder: 'desc',
  columns: [
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '金額', value: 'amount' },
    { header: '状態', value: (remittance) => PAYMENT_STATUS_LABELS[remittance.status] },
    { header: '支払予定日', value: 'dueDate' },
    { header: '振込日', value: 'transferDate' },
    { header: '支払ID', value: 'paymentId' },
  ],
});
export const RemittanceListQuerySchema = listQuery(REMITTANCE_LIST, {});
export type RemittanceListQuery = PagedQuery<z.infer<typeof RemittanceListQuerySchema>>;

export const PAYMENT_OPERATIONS = declareOperations({
  listPayments: {
    method: 'get',
    path: '/api/payments',
    owner: 'payment',
    tag: 'payment',
    summary: 'Search payments (dueFrom/dueTo bound dueDate; q: invoice number)',
    roles: STAFF_ROLES,
    query: PaymentListQuerySchema,
    response: jsonList(PAYMENT_LIST, 'Matching payments'),
  },
  listTransferBatches: {
    method: 'get',
    path: '/api/transfer-batches',
    owner: 'payment',
    tag: 'payment',
    summary: 'Search transfer batches (from/to bound transferDate)',
    roles: STAFF_ROLES,
    query: TransferBatchListQuerySchema,
    response: jsonList(TRANSFER_BATCH_LIST, 'Matching batches'),
  },
  createTransferBatch: {
    method: 'post',
    path: '/api/transfer-batches',
    owner: 'payment',
    tag: 'payment',
    summary: 'Draft a transfer batch from scheduled payments',
    roles: ['accountant'],
    body: c.TransferBatchCreateRequest,
    response: json(c.TransferBatch, 'The draft batch', 201),
    location: '/api/transfer-batches/{id}',
    errors: [409, 422],
  },
  getTransferBatch: {
    method: 'get',
    path: '/api/transfer-batches/{id}',
    owner: 'payment',
    tag: 'payment',
    summary: 'A transfer batch',
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    response: json(c.TransferBatch, 'The batch'),
  },
  approveTransferBatch: {
    method: 'post',
    path: '/api/transfer-batches/{id}/approve',
    owner: 'payment',
    tag: 'payment',
    summary: 'Approve a batch (not by its creator)',
    roles: ['accountant'],
    params: IdParamsSchema,
    response: json(c.TransferBatch, 'The approved batch'),
    errors: [409],
  },
  getZenginFile: {
    method: 'get',
    path: '/api/transfer-batches/{id}/zengin',
    owner: 'payment',
    tag: 'payment',
    summary: 'The Zengin 総合振込 file of an approved batch (Shift_JIS, 120-byte records, CRLF)',
    roles: ['accountant'],
    params: IdParamsSchema,
    response: file('text/plain; charset=Shift_JIS', 'The Zengin file'),
    errors: [409],
  },
  settleTransferBatch: {
    method: 'post',
    path: '/api/transfer-batches/{id}/settle',
    owner: 'payment',
    tag: 'payment',
    summary: 'Mark an approved batch settled; its payments become paid',
    roles: ['accountant'],
    params: IdParamsSchema,
    response: json(c.TransferBatch, 'The settled batch'),
    errors: [409],
  },
  getRemittanceNotice: {
    method: 'get',
    path: '/api/payments/{id}/remittance-notice.pdf',
    owner: 'payment',
    tag: 'payment',
    summary: '振込通知書 (remittance notice; a vendor user gets only its own)',
    roles: ['accountant', 'vendor'],
    params: IdParamsSchema,
    response: file('application/pdf', 'The notice'),
    errors: [409],
  },
  listRemittances: {
    method: 'get',
    path: '/api/vendor/remittances',
    owner: 'payment',
    tag: 'payment',
    summary: "The calling vendor's own payments",
    roles: ['vendor'],
    query: RemittanceListQuerySchema,
    response: jsonList(REMITTANCE_LIST, 'Payments to the caller'),
  },
  searchPaymentAudit: auditSearch('payment'),
});
