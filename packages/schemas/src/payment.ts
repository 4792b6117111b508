import { z } from './zod';
import { SearchTextSchema } from './paging';
import {
  BankAccountSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PaymentKindSchema,
  PositiveYenSchema,
  SignatureSchema,
  UuidSchema,
  VendorKindSchema,
  YenSchema,
} from './values';

/**
 * scheduled (ordered, 支出命令) → confirmed (the treasurer's examination, 地方自治法 Art. 232-4)
 * → batched → paid, or failed (振込不能) → confirmed again by a retry.
 */
export const PaymentStatusSchema = z.enum(['scheduled', 'confirmed', 'batched', 'paid', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** What makes a late-interest payment (支払遅延防止法 Art. 8): the payment it is owed on. */
export const LateInterestBasisSchema = z.object({
  /** The late payment whose interest this is. */
  paymentId: UuidSchema,
  /** The late payment's amount, dueDate and transferDate the interest was computed from. */
  principal: PositiveYenSchema,
  dueDate: IsoDateSchema,
  paidOn: IsoDateSchema,
  /** Days from the day after dueDate up to paidOn, inclusive. */
  days: z.int().min(1),
  /** Percent a year, in force on the contract's conclusion day (e.g. "2.5"). */
  ratePercent: z.string(),
});
export type LateInterestBasis = z.infer<typeof LateInterestBasisSchema>;

export const PaymentSchema = z.object({
  id: UuidSchema,
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  invoiceNumber: z.string(),
  /** An invoice's payment, or the late-payment interest on one. */
  kind: PaymentKindSchema,
  /** The invoice total (or the interest): what the city owes. */
  amount: PositiveYenSchema,
  /** 源泉徴収税額 kept back and paid to the tax office (所得税法 Art. 204); 0 for most payments. */
  withholdingTax: YenSchema,
  /** amount − withholdingTax: what the transfer carries. */
  netAmount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  /** The fiscal year whose budget bears it (closed years move nothing). */
  fiscalYear: FiscalYearSchema,
  contractConcludedOn: IsoDateSchema.optional(),
  status: PaymentStatusSchema,
  /** Who issued the payment order (支出命令者), and their signature when the order carried it. */
  orderedBy: z.string(),
  orderedBySignature: SignatureSchema.optional(),
  confirmedBy: z.string().optional(),
  confirmedBySignature: SignatureSchema.optional(),
  confirmedAt: IsoDateTimeSchema.optional(),
  transferDate: IsoDateSchema.optional(),
  /** The batch it is in, was paid in, or failed in (cleared when a failed payment is retried). */
  batchId: UuidSchema.optional(),
  /**
   * The account it will be (or was) paid to: the vendor's account, following approved changes
   * until the payment's batch is approved, then fixed.
   */
  payeeAccount: BankAccountSchema.optional(),
  /** The bank's reason for the last failed transfer (振込不能事由). */
  failureReason: z.string().optional(),
  /** On a late-interest payment: how it was computed. */
  lateInterest: LateInterestBasisSchema.optional(),
});
export type Payment = z.infer<typeof PaymentSchema>;

// The treasurer's examination needs no input: the order itself is what is confirmed.
export const PaymentConfirmRequestSchema = z.strictObject({});
export type PaymentConfirmRequest = z.infer<typeof PaymentConfirmRequestSchema>;

/**
 * Returning a failed payment to the payable list. When the payee account is still the one the
 * bank refused, `sameAccount: true` says the treasurer checked that it is right after all (e.g. a
 * temporary refusal); otherwise the vendor's account must have been corrected first.
 */
export const PaymentRetryRequestSchema = z.strictObject({
  sameAccount: z.boolean().optional(),
  note: z.string().trim().min(1).max(500).optional(),
});
export type PaymentRetryRequest = z.infer<typeof PaymentRetryRequestSchema>;

/** Typical 振込不能事由 a bank returns; the reason is free text, these are suggestions. */
export const TRANSFER_FAILURE_REASONS = [
  '口座なし',
  '名義相違',
  '口座解約',
  '取引停止',
  '預金者都合',
  'その他',
] as const;

// The filters of the lists (their page fields and sortable fields are declared with the
// operations, in api/payment.ts).

// dueFrom/dueTo bound dueDate (inclusive); q: the invoice number contains it.
export const PaymentListFilters = {
  invoiceId: UuidSchema.optional(),
  batchId: UuidSchema.optional(),
  vendorId: UuidSchema.optional(),
  status: PaymentStatusSchema.optional(),
  dueFrom: IsoDateSchema.optional(),
  dueTo: IsoDateSchema.optional(),
  q: SearchTextSchema.optional(),
};

/** draft → approved → settled; a draft may be cancelled (its payments return to confirmed). */
export const TransferBatchStatusSchema = z.enum(['draft', 'approved', 'settled', 'cancelled']);
export type TransferBatchStatus = z.infer<typeof TransferBatchStatusSchema>;

// from/to bound transferDate (inclusive).
export const TransferBatchListFilters = {
  status: TransferBatchStatusSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
};

// Each duplicate is reported at its own index so the problem document names it.
/** Why a transfer goes out after a payment's due date: recorded and audited. */
export const LateReasonSchema = z.string().trim().min(1).max(500);

export const TransferBatchCreateRequestSchema = z.strictObject({
  transferDate: IsoDateSchema,
  /** Required when transferDate is after the dueDate of any of the payments. */
  lateReason: LateReasonSchema.optional(),
  paymentIds: z
    .array(UuidSchema)
    .min(1)
    .max(10000)
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            message: 'duplicate payment id',
            path: [index],
            input: id,
          });
        }
        seen.add(id);
      });
    }),
});
export type TransferBatchCreateRequest = z.infer<typeof TransferBatchCreateRequestSchema>;

/** Re-dating a draft batch: the same rules as creating it. */
export const TransferBatchRedateRequestSchema = z.strictObject({
  transferDate: IsoDateSchema,
  lateReason: LateReasonSchema.optional(),
});
export type TransferBatchRedateRequest = z.infer<typeof TransferBatchRedateRequestSchema>;

export const TransferBatchCancelRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});
export type TransferBatchCancelRequest = z.infer<typeof TransferBatchCancelRequestSchema>;

/** The bank's result: the listed payments were not transferred (振込不能), the others were. */
export const TransferBatchSettleRequestSchema = z.strictObject({
  failures: z
    .array(z.strictObject({ paymentId: UuidSchema, reason: z.string().trim().min(1).max(200) }))
    .max(10000)
    .superRefine((failures, ctx) => {
      const seen = new Set<string>();
      failures.forEach(({ paymentId }, index) => {
        if (seen.has(paymentId)) {
          ctx.addIssue({
            code: 'custom',
            message: 'duplicate payment id',
            path: [index, 'paymentId'],
            input: paymentId,
          });
        }
        seen.add(paymentId);
      });
    })
    .optional(),
});
export type TransferBatchSettleRequest = z.infer<typeof TransferBatchSettleRequestSchema>;

export const TransferBatchSchema = z.object({
  id: UuidSchema,
  status: TransferBatchStatusSchema,
  transferDate: IsoDateSchema,
  count: z.int().min(1),
  total: YenSchema,
  createdBy: z.string(),
  createdBySignature: SignatureSchema.optional(),
  approvedBy: z.string().optional(),
  approvedBySignature: SignatureSchema.optional(),
  approvedAt: IsoDateTimeSchema.optional(),
  settledBy: z.string().optional(),
  settledAt: IsoDateTimeSchema.optional(),
  cancelledBy: z.string().optional(),
  cancelledAt: IsoDateTimeSchema.optional(),
  /** Why the transfer goes out after some payment's due date. */
  lateReason: z.string().optional(),
  /** The payments the batch was made of (kept after a cancel or a retry, for the record). */
  paymentIds: z.array(UuidSchema),
  /** After settlement: the payments the bank could not transfer, with its reason. */
  failures: z.array(z.object({ paymentId: UuidSchema, reason: z.string() })).optional(),
});
export type TransferBatch = z.infer<typeof TransferBatchSchema>;

// A vendor's view of one of its payments (振込情報開示).
export const RemittanceSchema = z.object({
  paymentId: UuidSchema,
  invoiceId: UuidSchema,
  invoiceNumber: z.string(),
  kind: PaymentKindSchema,
  amount: PositiveYenSchema,
  withholdingTax: YenSchema,
  netAmount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  status: PaymentStatusSchema,
  /** The 振込日 once paid; the 振込予定日 from its batch's approval (also kept when it failed). */
  transferDate: IsoDateSchema.optional(),
  /** The batch it is (or was last) transferred in, once approved: its 振込通知書 is that batch's. */
  batchId: UuidSchema.optional(),
});
export type Remittance = z.infer<typeof RemittanceSchema>;

// from/to bound the transfer date (inclusive): the 振込日, or the 振込予定日 of an approved batch.
export const RemittanceListFilters = {
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
};

export const RemittanceNoticeParamsSchema = z.strictObject({
  id: UuidSchema,
  vendorId: UuidSchema,
});
export type RemittanceNoticeParams = z.infer<typeof RemittanceNoticeParamsSchema>;

// --- fiscal years (出納閉鎖, 地方自治法 Art. 235-5) ---

export const FiscalYearParamsSchema = z.strictObject({
  fiscalYear: z
    .string()
    .regex(/^\d{4}$/, 'must be a four-digit year')
    .transform(Number)
    .pipe(FiscalYearSchema),
});
export type FiscalYearParams = z.infer<typeof FiscalYearParamsSchema>;

export const FiscalYearStatusSchema = z.object({
  fiscalYear: FiscalYearSchema,
  status: z.enum(['open', 'closed']),
  /** The last day payments of the year can still be made (May 31 of the next year). */
  closingPeriodEnd: IsoDateSchema,
  closedBy: z.string().optional(),
  closedBySignature: SignatureSchema.optional(),
  closedAt: IsoDateTimeSchema.optional(),
});
export type FiscalYearStatus = z.infer<typeof FiscalYearStatusSchema>;

// --- the withholding ledger (源泉徴収簿, 所得税法 Art. 204 and 216) ---

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

/** month: the month of the transfer dates (YYYY-MM). */
export const WithholdingLedgerFilters = { month: MonthSchema };

export const WithholdingLedgerEntrySchema = z.object({
  paymentId: UuidSchema,
  vendorId: UuidSchema,
  vendorName: z.string(),
  vendorKind: VendorKindSchema,
  invoiceNumber: z.string(),
  transferDate: IsoDateSchema,
  amount: PositiveYenSchema,
  withholdingTax: YenSchema,
  netAmount: PositiveYenSchema,
  /** The day the withheld tax must reach the tax office: the 10th of the next month. */
  paymentDueTo: IsoDateSchema,
});
export type WithholdingLedgerEntry = z.infer<typeof WithholdingLedgerEntrySchema>;

export const WithholdingLedgerSummarySchema = z.object({
  month: MonthSchema,
  paymentDueTo: IsoDateSchema,
  count: z.int().min(0),
  amount: YenSchema,
  withholdingTax: YenSchema,
  netAmount: YenSchema,
});
export type WithholdingLedgerSummary = z.infer<typeof WithholdingLedgerSummarySchema>;

/** year: the calendar year of the transfer dates (支払調書 are per calendar year). */
export const WithholdingAnnualFilters = {
  year: z
    .string()
    .regex(/^\d{4}$/, 'must be a four-digit year')
    .transform(Number)
    .pipe(z.int().min(2019).max(2100)),
};

export const WithholdingAnnualEntrySchema = z.object({
  vendorId: UuidSchema,
  vendorName: z.string(),
  vendorKind: VendorKindSchema,
  year: z.int(),
  count: z.int().min(1),
  /** Total of the payments subject to withholding (報酬・料金の支払金額). */
  amount: YenSchema,
  withholdingTax: YenSchema,
});
export type WithholdingAnnualEntry = z.infer<typeof WithholdingAnnualEntrySchema>;
