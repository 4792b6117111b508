// The invoice service's operations: receipt, inspection (検収) and payment order (支出命令).
import { InvoiceListFilters, type InvoiceStatus } from '../invoice';
import type { PagedQuery } from '../paging';
import { IdParamsSchema, withRangeChecks } from '../query';
import { STAFF_ROLES } from '../values';
import type { z } from '../zod';
import * as c from './components';
import { AUDIT_LIST, auditSearch, auditVerify, HistoryQuerySchema } from './common';
import { declareOperations, file, json, jsonList, listing, listQuery } from './operation';

/** Invoice statuses in words: the CSV columns and the web app (status.invoice.*). */
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  received: '受付済',
  inspected: '検収済',
  approved: '支出命令済',
  rejected: '差戻し',
};

export const INVOICE_LIST = listing(c.Invoice, {
  sortable: ['receivedOn', 'total', 'dueDate', 'inspectionDueDate', 'documentNumber'],
  defaultSort: 'receivedOn',
  defaultOrder: 'desc',
  columns: [
    { header: '受付番号', value: 'documentNumber' },
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '契約ID', value: 'contractId' },
    { header: '取引先ID', value: 'vendorId' },
    { header: '登録番号', value: 'registrationNumber' },
    { header: '適格請求書', value: (invoice) => (invoice.qualified ? '適格' : '非適格') },
    { header: '請求日', value: 'issueDate' },
    { header: '受付日', value: 'receivedOn' },
    { header: '税抜金額', value: 'subtotal' },
    { header: '消費税額', value: (invoice) => invoice.total - invoice.subtotal },
    { header: '請求金額', value: 'total' },
    { header: '源泉徴収税額', value: 'withholdingTax' },
    { header: '差引支払額', value: 'netAmount' },
    { header: '検収期限', value: 'inspectionDueDate' },
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
    summary: 'Receive an invoice against an approved contract, its figures as stated',
    description: [
      'Tax as the qualified invoice states it (消費税法 Art. 57-4, 消費税法施行令 Art. 70-10): per rate,',
      "`base` is the sum of that rate's line amounts (discount lines may be negative while each base",
      'stays ≥ 0, else 422 naming the rate). `amountsInclude` says whether the amounts are tax-excluded',
      '(default; exact tax = base × rate / 100) or tax-included (exact tax = base × rate / (100 + rate)).',
      'A `statedTaxes` entry must equal the exact tax rounded down, half-up or up (the tolerance of JP PINT',
      'rule jp-br-co-01), else 422 naming the rate, the stated figure and the accepted ones; a rate',
      'without one is rounded down. `total` = Σ(base + tax) tax-excluded, Σ base tax-included; a zero',
      "total is refused. `registrationNumber` is optional (免税事業者); when given it must be the vendor's",
      'own (422 otherwise, also for a vendor with none on file); `qualified` says whether it is a',
      '適格請求書. `receivedOn` (staff only; a vendor user sending it gets 403; default today) is when the',
      'claim arrived: not after today, not before `issueDate`. `dueDate` = receivedOn + 30 days (works 40)',
      'moved to the previous bank business day (支払遅延防止法 Art. 6, applied by Art. 14);',
      '`inspectionDueDate` = receivedOn + 10 calendar days (works 14; Art. 5). `withholding: true` lines',
      '(individual vendors only, else 422): `withholdingTax` = 10.21% of their amount up to 1,000,000',
      'plus 20.42% of the excess, rounded down (所得税法 Art. 204, 復興特別所得税); `netAmount` =',
      '`total − withholdingTax`. Refused with 422 when the contract is unknown, completed or cancelled,',
      'of another vendor, or the total exceeds its remaining (amended) amount; for a multi-year contract',
      "(債務負担行為, 地方自治法 Art. 214) also when it exceeds what the invoice's fiscal year has left of",
      'its scheduled amount (each year is budgeted on its own, Art. 208), naming the year and the figures.',
    ].join(' '),
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
      'Search invoices (from/to bound receivedOn, amounts bound total; q: invoice or document number; inspectionOverdue; a vendor user gets only its own)',
    description:
      '`inspectionOverdue=true` lists the invoices still received (not inspected) after their inspection deadline (支払遅延防止法 Art. 5: 10 days after arrival, 14 for works), as of today by the system clock; `false` the others.',
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
    description: [
      'Not by the user who registered the invoice (403; DESIGN.md: who creates something never',
      'approves it). Done after `inspectionDueDate`, the days beyond it are taken off the payment',
      'period (支払遅延防止法 Art. 7): `dueDate` = receivedOn + 30 (works 40) − late days, moved to the',
      'previous bank business day; `originalDueDate` keeps the deadline at receipt and',
      '`inspectionLateDays` the days taken off.',
    ].join(' '),
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
    description: [
      "Not by whoever received or inspected the invoice (403). Records `orderedBy` and the orderer's",
      "signature (地方自治法 Art. 232-4: the order is the department's, the 会計管理者 confirms it in the",
      "payment service). The payment belongs to the contract's fiscal year, or for a multi-year",
      'contract (債務負担行為) to the fiscal year the invoice was received in (the year before when it',
      'was received in April–May and only that year is scheduled: 出納整理期間). Refused with 422 naming',
      'the year once the payment service has closed that fiscal year (出納閉鎖, 地方自治法 Art. 235-5);',
      "until then a year's orders are allowed, also in April–May of the next year. The order spends",
      "the contract's encumbrance (支出負担行為, Art. 232-3), which the contract service sized by the",
      'invoices it had seen when it completed, cancelled or amended the contract: refused with 422 while',
      "the contract's invoices not rejected exceed its (amended) amount less what its completion or",
      "cancellation released, or the invoices of a multi-year contract's fiscal year exceed that",
      "year's scheduled amount (as last restated); rejecting the invoices beyond it lifts the refusal.",
    ].join(' '),
    roles: ['accountant'],
    params: IdParamsSchema,
    response: json(c.Invoice, 'The approved invoice'),
    errors: [409, 422],
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
    description:
      'Prints the invoice as stated (per-rate tax, tax-excluded or tax-included amounts), whether it is a 適格請求書 with its registration number, 源泉徴収税額 and 差引支払額 when tax is withheld, the arrival and due dates, and who received, inspected, ordered and (once the payment service reports it) confirmed it, by display name and title.',
    roles: STAFF_ROLES,
    params: IdParamsSchema,
    response: file('application/pdf', 'The voucher'),
    errors: [409],
  },
  searchInvoiceAudit: auditSearch('invoice'),
  verifyInvoiceAudit: auditVerify('invoice'),
});
