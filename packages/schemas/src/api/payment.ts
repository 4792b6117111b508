// The payment service's operations: payments, transfer batches, Zengin files, remittances.
import type { PagedQuery } from '../paging';
import {
  FiscalYearParamsSchema,
  FiscalYearStatusSchema,
  PaymentConfirmRequestSchema,
  PaymentListFilters,
  PaymentRetryRequestSchema,
  RemittanceListFilters,
  RemittanceNoticeParamsSchema,
  TransferBatchCancelRequestSchema,
  TransferBatchListFilters,
  TransferBatchRedateRequestSchema,
  TransferBatchSettleRequestSchema,
  WithholdingAnnualEntrySchema,
  WithholdingAnnualFilters,
  WithholdingLedgerEntrySchema,
  WithholdingLedgerFilters,
  WithholdingLedgerSummarySchema,
  type PaymentStatus,
  type TransferBatchStatus,
} from '../payment';
import { IdParamsSchema, withRangeChecks } from '../query';
import { STAFF_ROLES } from '../values';
import { VerificationQuerySchema } from '../verification';
import { z } from '../zod';
import * as c from './components';
import { auditSearch, auditVerify } from './common';
import { declareOperations, file, json, jsonList, listing, listQuery } from './operation';

// The v2 components (named here: components.ts is shared by every service's declarations).
const PaymentConfirmRequest = PaymentConfirmRequestSchema.openapi('PaymentConfirmRequest');
const PaymentRetryRequest = PaymentRetryRequestSchema.openapi('PaymentRetryRequest');
const TransferBatchRedateRequest = TransferBatchRedateRequestSchema.openapi(
  'TransferBatchRedateRequest',
);
const TransferBatchCancelRequest = TransferBatchCancelRequestSchema.openapi(
  'TransferBatchCancelRequest',
);
const TransferBatchSettleRequest = TransferBatchSettleRequestSchema.openapi(
  'TransferBatchSettleRequest',
);
const FiscalYearStatus = FiscalYearStatusSchema.openapi('FiscalYearStatus');
const WithholdingLedgerEntry = WithholdingLedgerEntrySchema.openapi('WithholdingLedgerEntry');
const WithholdingLedgerSummary = WithholdingLedgerSummarySchema.openapi('WithholdingLedgerSummary');
const WithholdingAnnualEntry = WithholdingAnnualEntrySchema.openapi('WithholdingAnnualEntry');

/** Transfer batches belong to the treasurer's office (会計課), v2; v1 said accountant. */
const TREASURY: readonly ['treasurer'] = ['treasurer'];
/** Who reads the withholding ledger: the treasurer's office, the accountants, the auditors. */
const LEDGER_READERS = ['treasurer', 'accountant', 'auditor'] as const;

/** Payment statuses in words: the CSV columns and the web app (status.payment.*). */
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  scheduled: '支払予定',
  confirmed: '確認済',
  batched: '振込手続中',
  paid: '支払済',
  failed: '振込不能',
};

/** Transfer batch statuses in words: the CSV columns and the web app (status.batch.*). */
export const TRANSFER_BATCH_STATUS_LABELS: Record<TransferBatchStatus, string> = {
  draft: '承認待ち',
  approved: '承認済',
  settled: '振込済',
  cancelled: '取消',
};

/** Payment kinds in words: the CSV columns, the vouchers and the web app. */
export const PAYMENT_KIND_LABELS = { invoice: '請求書払', 'late-interest': '遅延利息' } as const;

export const PAYMENT_LIST = listing(c.Payment, {
  sortable: ['dueDate', 'amount', 'status'],
  defaultSort: 'dueDate',
  columns: [
    { header: '支払期限', value: 'dueDate' },
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '種別', value: (payment) => PAYMENT_KIND_LABELS[payment.kind] },
    { header: '金額', value: 'amount' },
    { header: '源泉徴収税額', value: 'withholdingTax' },
    { header: '差引支払額', value: 'netAmount' },
    { header: '年度', value: 'fiscalYear' },
    { header: '状態', value: (payment) => PAYMENT_STATUS_LABELS[payment.status] },
    { header: '支出命令者', value: 'orderedBy' },
    { header: '確認者', value: 'confirmedBy' },
    { header: '振込日', value: 'transferDate' },
    { header: '振込不能事由', value: 'failureReason' },
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
    { header: '遅延理由', value: 'lateReason' },
    { header: '振込バッチID', value: 'id' },
  ],
});
export const TransferBatchListQuerySchema = withRangeChecks(
  listQuery(TRANSFER_BATCH_LIST, TransferBatchListFilters),
);
export type TransferBatchListQuery = PagedQuery<z.infer<typeof TransferBatchListQuerySchema>>;

/** A vendor's own payments: upcoming first (no transfer date yet), then the latest paid. */
export const REMITTANCE_LIST = listing(c.Remittance, {
  key: ['paymentId'],
  sortable: ['transferDate', 'amount'],
  defaultSort: 'transferDate',
  defaultOrder: 'desc',
  columns: [
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '種別', value: (remittance) => PAYMENT_KIND_LABELS[remittance.kind] },
    { header: '振込日', value: 'transferDate' },
    { header: '支払額', value: 'amount' },
    { header: '源泉徴収税額', value: 'withholdingTax' },
    { header: '差引振込額', value: 'netAmount' },
    { header: '状態', value: (remittance) => PAYMENT_STATUS_LABELS[remittance.status] },
    { header: '支払期限', value: 'dueDate' },
    { header: '支払ID', value: 'paymentId' },
  ],
});
export const RemittanceListQuerySchema = withRangeChecks(
  listQuery(REMITTANCE_LIST, RemittanceListFilters),
);
export type RemittanceListQuery = PagedQuery<z.infer<typeof RemittanceListQuerySchema>>;

/** The fiscal years with payments (or closed), the latest first by default. */
export const FISCAL_YEAR_LIST = listing(FiscalYearStatus, {
  key: ['fiscalYear'],
  sortable: ['fiscalYear'],
  defaultSort: 'fiscalYear',
  columns: [
    { header: '年度', value: 'fiscalYear' },
    { header: '状態', value: (year) => (year.status === 'closed' ? '出納閉鎖済' : '出納整理中') },
    { header: '出納整理期限', value: 'closingPeriodEnd' },
    { header: '閉鎖者', value: (year) => year.closedBySignature?.displayName ?? '' },
    { header: '閉鎖日時', value: (year) => year.closedAt ?? '' },
  ],
});
export const FiscalYearListQuerySchema = listQuery(FISCAL_YEAR_LIST, {});
export type FiscalYearListQuery = PagedQuery<z.infer<typeof FiscalYearListQuerySchema>>;

/** 源泉徴収簿: each paid payment with withholding, by transfer date, with the tax's due day. */
export const WITHHOLDING_LEDGER_LIST = listing(WithholdingLedgerEntry, {
  key: ['paymentId'],
  sortable: ['transferDate', 'amount'],
  defaultSort: 'transferDate',
  columns: [
    { header: '振込日', value: 'transferDate' },
    { header: '取引先', value: 'vendorName' },
    { header: '区分', value: (entry) => (entry.vendorKind === 'individual' ? '個人' : '法人') },
    { header: '請求書番号', value: 'invoiceNumber' },
    { header: '支払金額', value: 'amount' },
    { header: '源泉徴収税額', value: 'withholdingTax' },
    { header: '差引支払額', value: 'netAmount' },
    { header: '納付期限', value: 'paymentDueTo' },
    { header: '取引先ID', value: 'vendorId' },
    { header: '支払ID', value: 'paymentId' },
  ],
});
export const WithholdingLedgerQuerySchema = listQuery(
  WITHHOLDING_LEDGER_LIST,
  WithholdingLedgerFilters,
);
export type WithholdingLedgerQuery = PagedQuery<z.infer<typeof WithholdingLedgerQuerySchema>>;
export const WithholdingMonthQuerySchema = z.strictObject(WithholdingLedgerFilters);
export type WithholdingMonthQuery = z.infer<typeof WithholdingMonthQuerySchema>;

/** Per recipient and calendar year: what feeds the 報酬、料金、契約金及び賞金の支払調書. */
export const WITHHOLDING_ANNUAL_LIST = listing(WithholdingAnnualEntry, {
  key: ['vendorId'],
  sortable: ['vendorName', 'amount'],
  defaultSort: 'vendorName',
  columns: [
    { header: '年', value: 'year' },
    { header: '支払を受ける者', value: 'vendorName' },
    { header: '区分', value: (entry) => (entry.vendorKind === 'individual' ? '個人' : '法人') },
    { header: '件数', value: 'count' },
    { header: '支払金額', value: 'amount' },
    { header: '源泉徴収税額', value: 'withholdingTax' },
    { header: '取引先ID', value: 'vendorId' },
  ],
});
export const WithholdingAnnualQuerySchema = listQuery(
  WITHHOLDING_ANNUAL_LIST,
  WithholdingAnnualFilters,
);
export type WithholdingAnnualQuery = PagedQuery<z.infer<typeof WithholdingAnnualQuerySchema>>;

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
    summary: 'Draft a transfer batch from confirmed payments (振込バッチ作成)',
    description:
      "Treasurer only (v2; v1 said accountant). Every payment must be confirmed (422 naming each one that is not), of an open fiscal year (422 naming the year once it is closed, 地方自治法 Art. 235-5), and go to a valid account. A transferDate after any payment's dueDate needs `lateReason` (422 naming the late payments otherwise): paying late owes interest (支払遅延防止法 Art. 8), and the reason is recorded on the batch and audited. Each payment's payee account is copied onto the batch.",
    roles: TREASURY,
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
    summary: 'Approve a draft batch (a treasurer other than its creator)',
    description:
      'Four eyes: the treasurer who drafted the batch may not approve it (403). Only a draft (409), while its transfer date is a bank business day not in the past (422 naming it), and while the fiscal years of its payments are open (422 naming a closed year: 出納閉鎖, 地方自治法 Art. 235-5). From approval on, the accounts copied onto the batch are final: a later bank-account change of the vendor no longer reaches these payments.',
    roles: TREASURY,
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
    description:
      'Each record carries the net amount (amount − 源泉徴収税額) to the account copied onto the batch.',
    roles: TREASURY,
    params: IdParamsSchema,
    response: file('text/plain; charset=Shift_JIS', 'The Zengin file'),
    errors: [409],
  },
  getTransferSummary: {
    method: 'get',
    path: '/api/transfer-batches/{id}/summary.pdf',
    owner: 'payment',
    tag: 'payment',
    summary: '総合振込依頼書: the summary sheet that goes to the bank with the Zengin file',
    description:
      "The 依頼人 and the account debited, the 振込指定日 and 振込指定区分, the count and total per receiving bank and in all (as in the file's trailer), and who drafted and approved the batch, by name and title. When the Zengin file is: for an approved batch while its transfer date has not passed (409 before approval, 422 naming the date), and for a settled one.",
    roles: TREASURY,
    params: IdParamsSchema,
    response: file('application/pdf', 'The summary sheet'),
    errors: [409],
  },
  settleTransferBatch: {
    method: 'post',
    path: '/api/transfer-batches/{id}/settle',
    owner: 'payment',
    tag: 'payment',
    summary: "Record the bank's result: failures become failed, the others paid",
    description:
      "Only on or after the transfer date (422 before). `failures` must be payments of the batch (422 naming any other); they become `failed` with the bank's reason (振込不能事由: 口座なし, 名義相違, 口座解約, …) and PaymentFailed is published; the others become `paid` (PaymentExecuted, naming the payment's fiscalYear, whose budget line bears it). Refused (422 naming the year) when a payment's fiscal year is closed. For each paid payment whose transfer date is after its dueDate, late-payment interest (支払遅延防止法 Art. 8, applied to cities by Art. 14) = amount × the rate in force on the contract's conclusion day (財務大臣告示, LATE_INTEREST_RATES) × days / 365, days counted from the day after dueDate to the transfer date; nothing under ¥100, fractions under ¥100 cut. It becomes a new payment `kind:\"late-interest\"` (scheduled, ordered by the original's orderer, to be confirmed like any order), created once per late payment however often settlement is retried.",
    roles: TREASURY,
    params: IdParamsSchema,
    body: TransferBatchSettleRequest,
    response: json(c.TransferBatch, 'The settled batch'),
    errors: [409],
  },
  getRemittanceNotice: {
    method: 'get',
    path: '/api/payments/{id}/remittance-notice.pdf',
    owner: 'payment',
    tag: 'payment',
    summary: '振込通知書 (remittance notice; a vendor user gets only its own)',
    description:
      "The notice of the payment's transfer batch for its vendor (as GET /api/transfer-batches/{id}/vendors/{vendorId}/remittance-notice.pdf): every payment to the vendor in that batch, with amount, 源泉徴収税額 and 差引振込額; a late-interest payment is named 遅延利息. From the batch's approval (409 before).",
    roles: ['accountant', 'treasurer', 'vendor'],
    params: IdParamsSchema,
    response: file('application/pdf', 'The notice'),
    errors: [409],
  },
  getBatchRemittanceNotice: {
    method: 'get',
    path: '/api/transfer-batches/{id}/vendors/{vendorId}/remittance-notice.pdf',
    owner: 'payment',
    tag: 'payment',
    summary: '振込通知書 of one vendor in one transfer batch (a vendor user gets only its own)',
    description:
      "Every payment to the vendor in the batch, each with its invoice number, 請求日, amount, 源泉徴収税額 and 差引振込額, and the totals. From the batch's approval (409 while a draft or cancelled): it then gives the 振込予定日; once settled, the 振込日 and per line 振込済 or 振込不能 (a failed transfer is left out of the totals). With MAIL_SMTP_URL set, it is mailed once to each vendor with an e-mail address when the batch is approved. 404 when the vendor has no payment in the batch.",
    roles: ['accountant', 'treasurer', 'vendor'],
    params: RemittanceNoticeParamsSchema,
    response: file('application/pdf', 'The notice'),
    errors: [409],
  },
  verifyRemittanceNotice: {
    method: 'get',
    path: '/api/transfer-batches/{id}/vendors/{vendorId}/remittance-notice/verification',
    owner: 'payment',
    tag: 'payment',
    summary:
      '振込通知書の照合 — Does a printed remittance notice match the record? (a vendor user: only its own)',
    description:
      "Answers whether a printed 振込通知書 (the notice of one vendor in one transfer batch) matches the record: the notice's key figures as the record gives them now (振込金額, payee, 振込予定日 or 振込日, 振込先口座) to be compared with the paper, the hash of that notice (the same data the PDF is printed from), and with `?hash=` (the 64 hex digits printed on the notice; blanks and upper case forgiven) whether they are equal. The notice is named by its batch, so a payment retried in another batch does not move it. A notice printed before the record changed (the bank's result recorded: 振込予定 becomes 振込済 or 振込不能) no longer matches. The page a notice's QR code opens asks this. 409 while the batch is a draft or cancelled; 404 when the vendor has no payment in the batch; another vendor's notice: 403.",
    roles: ['accountant', 'treasurer', 'vendor'],
    params: RemittanceNoticeParamsSchema,
    query: VerificationQuerySchema,
    response: json(
      c.DocumentVerification,
      "The record's figures and hash, and whether the given one matches",
    ),
    errors: [409],
  },
  listRemittances: {
    method: 'get',
    path: '/api/vendor/remittances',
    owner: 'payment',
    tag: 'payment',
    summary: "The calling vendor's own payments (from/to bound the transfer date; format=csv)",
    roles: ['vendor'],
    query: RemittanceListQuerySchema,
    response: jsonList(REMITTANCE_LIST, 'Payments to the caller'),
  },
  confirmPayment: {
    method: 'post',
    path: '/api/payments/{id}/confirm',
    owner: 'payment',
    tag: 'payment',
    summary: '支出命令の確認: the treasurer examines a payment order',
    description:
      'The 会計管理者 examines the order before it is paid (地方自治法 Art. 232-4). Treasurer only, and never the user who ordered it (403). Only a scheduled payment (409 otherwise) of an open fiscal year (422 naming the year) can be confirmed. Records confirmedBy, the signature and confirmedAt; publishes PaymentConfirmed.',
    roles: TREASURY,
    params: IdParamsSchema,
    body: PaymentConfirmRequest,
    response: json(c.Payment, 'The confirmed payment'),
    errors: [409],
  },
  retryPayment: {
    method: 'post',
    path: '/api/payments/{id}/retry',
    owner: 'payment',
    tag: 'payment',
    summary: 'Return a failed payment (振込不能) to the confirmed list, to be batched again',
    description:
      "Treasurer only. Only a failed payment (409 otherwise). Allowed when the vendor's account has changed since the bank refused the transfer (a change approved under four eyes); when it is still the same account, only with `sameAccount: true` (the treasurer checked it is right, e.g. a temporary refusal), else 422. The note is audited.",
    roles: TREASURY,
    params: IdParamsSchema,
    body: PaymentRetryRequest,
    response: json(c.Payment, 'The payment, confirmed again'),
    errors: [409],
  },
  cancelTransferBatch: {
    method: 'post',
    path: '/api/transfer-batches/{id}/cancel',
    owner: 'payment',
    tag: 'payment',
    summary: 'Cancel a draft batch; its payments return to confirmed',
    description: 'Treasurer only; only a draft (409 otherwise). The reason, if any, is audited.',
    roles: TREASURY,
    params: IdParamsSchema,
    body: TransferBatchCancelRequest,
    response: json(c.TransferBatch, 'The cancelled batch'),
    errors: [409],
  },
  redateTransferBatch: {
    method: 'post',
    path: '/api/transfer-batches/{id}/transfer-date',
    owner: 'payment',
    tag: 'payment',
    summary: 'Move a draft batch to another transfer date',
    description:
      "Treasurer only; only a draft (409 otherwise). The same rules as creating it: a bank business day not in the past, and `lateReason` when the date is after a payment's dueDate (422).",
    roles: TREASURY,
    params: IdParamsSchema,
    body: TransferBatchRedateRequest,
    response: json(c.TransferBatch, 'The re-dated batch'),
    errors: [409],
  },
  listFiscalYears: {
    method: 'get',
    path: '/api/fiscal-years',
    owner: 'payment',
    tag: 'payment',
    summary: 'Fiscal years with payments, and whether they are closed (出納閉鎖)',
    roles: STAFF_ROLES,
    query: FiscalYearListQuerySchema,
    response: jsonList(FISCAL_YEAR_LIST, 'Fiscal years'),
  },
  closeFiscalYear: {
    method: 'post',
    path: '/api/fiscal-years/{fiscalYear}/close',
    owner: 'payment',
    tag: 'payment',
    summary: '出納閉鎖: close a fiscal year for payments',
    description:
      'Treasurer only. Allowed from June 1 of the next year, when the 出納整理期間 has ended (地方自治法 Art. 235-5), 422 before; a second close is 409. Refused (422 naming each batch and its transfer date) while payments of the year are in approved batches not yet settled: the bank has been told to pay them, and a closed year could record neither their payment nor their failure. Publishes FiscalYearClosed. Afterwards nothing of that year can be confirmed, batched or settled (422 naming the year); a payment order of the closed year that still arrives is not scheduled but recorded in the audit trail (payment.order-refused).',
    roles: TREASURY,
    params: FiscalYearParamsSchema,
    response: json(FiscalYearStatus, 'The closed year'),
    errors: [409],
  },
  listWithholdingLedger: {
    method: 'get',
    path: '/api/withholding-ledger',
    owner: 'payment',
    tag: 'payment',
    summary: '源泉徴収簿: paid payments with withholding in a month (by transfer date)',
    description:
      'Withheld income tax is paid to the tax office by the 10th of the next month (所得税法 Art. 204(1)); `paymentDueTo` moves a 10th that is a Saturday, Sunday, national holiday or one of Dec 29 – Jan 3 to the next day that is none of them (国税通則法 Art. 10(2), 施行令 Art. 2(2)).',
    roles: LEDGER_READERS,
    query: WithholdingLedgerQuerySchema,
    response: jsonList(WITHHOLDING_LEDGER_LIST, 'The ledger entries'),
  },
  getWithholdingLedgerSummary: {
    method: 'get',
    path: '/api/withholding-ledger/summary',
    owner: 'payment',
    tag: 'payment',
    summary: "The month's totals of the withholding ledger and the day they are due",
    roles: LEDGER_READERS,
    query: WithholdingMonthQuerySchema,
    response: json(WithholdingLedgerSummary, 'Totals'),
  },
  listWithholdingAnnual: {
    method: 'get',
    path: '/api/withholding-ledger/annual',
    owner: 'payment',
    tag: 'payment',
    summary: 'Per recipient and calendar year, for the 支払調書 (所得税法 Art. 225)',
    roles: LEDGER_READERS,
    query: WithholdingAnnualQuerySchema,
    response: jsonList(WITHHOLDING_ANNUAL_LIST, 'One row per recipient'),
  },
  searchPaymentAudit: auditSearch('payment'),
  verifyPaymentAudit: auditVerify('payment'),
});
