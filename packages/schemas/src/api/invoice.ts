// The invoice service's operations: receipt, inspection (検収) and payment order (支出命令).
import { z } from '../zod';
import { InvoiceListQuerySchema } from '../invoice';
import { IdParamsSchema } from '../query';
import { STAFF_ROLES } from '../values';
import * as c from './components';
import { auditSearch } from './common';
import { declareOperations, file, json } from './operation';

/** The most invoices one search returns (it says when there were more). */
export const INVOICE_LIST_LIMIT = 1000;

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
    summary: 'Search invoices (from/to bound receivedOn, amounts bound total)',
    roles: STAFF_ROLES,
    query: InvoiceListQuerySchema,
    response: json(z.array(c.Invoice), 'Matching invoices', 200, INVOICE_LIST_LIMIT),
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
