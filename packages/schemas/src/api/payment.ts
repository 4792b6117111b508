// The payment service's operations: payments, transfer batches, Zengin files, remittances.
import { z } from '../zod';
import { PaymentListQuerySchema } from '../payment';
import { IdParamsSchema } from '../query';
import { STAFF_ROLES } from '../values';
import * as c from './components';
import { auditSearch } from './common';
import { declareOperations, file, json } from './operation';

export const PAYMENT_OPERATIONS = declareOperations({
  listPayments: {
    method: 'get',
    path: '/api/payments',
    owner: 'payment',
    tag: 'payment',
    summary: 'Search payments',
    roles: STAFF_ROLES,
    query: PaymentListQuerySchema,
    response: json(z.array(c.Payment), 'Matching payments'),
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
    response: json(z.array(c.Remittance), 'Payments to the caller'),
  },
  searchPaymentAudit: auditSearch('payment'),
});
