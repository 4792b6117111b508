// The invoice service's operations: receipt, inspection (検収) and payment order (支出命令).
import { InvoiceListFilters, type InvoiceStatus } from '../invoice';
import type { PagedQuery } from '../paging';
import { IdParamsSchema, withRangeChecks } from '../query';
import { STAFF_ROLES } from '../values';
import type { z } from '../zod';
import * as c from './components';
import { AUDIT_LIST, auditSearch, HistoryQuerySchema } from './common';
import { declareOperations, file, json, jsonList, listing, listQuery } from './operation';

/** Invoice statuses in words: the CSV columns and the web app (status.invoice.*). */
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  received: '受付済',
  inspected: '検収済',
  approved: '支出命令済',
  rejected: '差戻し',
};

export const INVOICE_LIST = listing(c.Invoice, {
  sortable: ['receivedOn', 'total', 'dueDate', 'documentNumber'],
  defaultSort: 'receivedOn',
  defaultOrder: 'desc',
  columns: [
    { header: '受付番号', value: 'documentNumber' },
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '契約ID', value: 'contractId' },
    { header: '取引先ID', value: 'vendorId' },
    { header: '登録番号', value: 'registrationNumber' },
    { header: '請求日', value: 'issueDate' },
    { header: '受付日', value: 'receivedOn' },
    { header: '税抜金額', value: 'subtotal' },
    { header: '消費税額', value: (invoice) => invoice.total - invoice.subtotal },
    { header: '請求金額', value: 'total' },
    { header: '支払期限', value: 'dueDate' },
    { header: '状態', value: (invoice) => INVOICE_STATUS_LABELS[invoice.status] },
    { header: '請求書ID', value: 'id' },
  ],
});
export const InvoiceListQuerySchema = withRangeChecks(listQuery(INVOICE_LIST, InvoiceListFilters));
export type InvoiceListQuery = PagedQuery<z.infer<typeof InvoiceListQuerySchema>>;

export const INVOICE_OPERATIONS = declareOperations({
  receiveInvoice: {
    method: 'post',
    path: '/api/invoices',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'Receive an invoice against an approved contract (line amounts tax-excluded)',
    roles: ['procurement', 'vendor'],
    body: c.InvoiceCreateRequest,
    response: json(c.Invoice, 'The received invoice with its tax breakdown and due date', 201),
    location: '/api/invoices/{id}',
    errors: [409, 422],
  },
  listInvoices: {
    method: 'get',
    path: '/api/invoices',
    owner: 'invoice',
    tag: 'invoice',
    summary:
      'Search invoices (from/to bound receivedOn, amounts bound total; q: invoice or document number; a vendor user gets only its own)',
    roles: [...STAFF_ROLES, 'vendor'],
    query: InvoiceListQuerySchema,
    response: jsonList(INVOICE_LIST, 'Matching invoices'),
  },
  getInvoice: {
    method: 'get',
    path: '/api/invoices/{id}',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'An invoice (staff; a vendor user sees only its own)',
    roles: [...STAFF_ROLES, 'vendor'],
    params: IdParamsSchema,
    response: json(c.Invoice, 'The invoice'),
  },
  getInvoiceHistory: {
    method: 'get',
    path: '/api/invoices/{id}/history',
    owner: 'invoice',
    tag: 'invoice',
    summary: "An invoice's audit entries, oldest first (staff; a vendor user only its own)",
    roles: [...STAFF_ROLES, 'vendor'],
    params: IdParamsSchema,
    query: HistoryQuerySchema,
    response: jsonList(AUDIT_LIST, 'Audit entries of the invoice'),
  },
  inspectInvoice: {
    method: 'post',
    path: '/api/invoices/{id}/inspect',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'Record the inspection (検収)',
    roles: ['procurement'],
    params: IdParamsSchema,
    response: json(c.Invoice, 'The inspected invoice'),
    errors: [409],
  },
  orderPayment: {
    method: 'post',
    path: '/api/invoices/{id}/approve',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'Issue the payment order (支出命令)',
    roles: ['accountant'],
    params: IdParamsSchema,
    response: json(c.Invoice, 'The approved invoice'),
    errors: [409],
  },
  rejectInvoice: {
    method: 'post',
    path: '/api/invoices/{id}/reject',
    owner: 'invoice',
    tag: 'invoice',
    summary: 'Reject an invoice',
    roles: ['procurement', 'accountant'],
    params: IdParamsSchema,
    body: c.RejectRequest,
    response: json(c.Invoice, 'The rejected invoice'),
    errors: [409],
  },
  getPaymentOrderVoucher: {
    method: 'get',
    path: '/api/invoices/{id}/voucher.pdf',
    owner: 'invoice',
    tag: 'invoice',
    summary: '支出命令書 (payment order voucher)',
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    response: file('application/pdf', 'The voucher'),
    errors: [409],
  },
  searchInvoiceAudit: auditSearch('invoice'),
});
