import { z } from './zod';
import {
  BankAccountInputSchema,
  BankAccountSchema,
  BudgetCodeSchema,
  ContractKindSchema,
  ContractMethodSchema,
  CorporateNumberSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PositiveYenSchema,
  RankSchema,
  RegistrationNumberSchema,
  SignatureSchema,
  TaxRateSchema,
  UuidSchema,
  VendorKindSchema,
  YenSchema,
} from './values';
import { SearchTextSchema } from './paging';
import { QueryFiscalYearSchema, QueryYenSchema } from './query';

const vendorFields = {
  name: z.string().min(1).max(200),
  nameKana: z.string().min(1).max(200),
  corporateNumber: CorporateNumberSchema.optional(),
  invoiceRegistrationNumber: RegistrationNumberSchema.optional(),
  bankAccount: BankAccountSchema,
  /** Where the 振込通知書 is mailed when its transfer batch is approved; absent: not mailed. */
  email: z.email().max(254).optional(),
};

// kind: absent means corporation (the v1 request had no kind).
export const VendorCreateRequestSchema = z.strictObject({
  ...vendorFields,
  bankAccount: BankAccountInputSchema,
  kind: VendorKindSchema.optional().openapi({
    description: '法人 or 個人 (default corporation); individuals may be subject to withholding',
  }),
});
export type VendorCreateRequest = z.infer<typeof VendorCreateRequestSchema>;

export const VendorStatusSchema = z.enum(['active']);
export type VendorStatus = z.infer<typeof VendorStatusSchema>;

export const VendorSchema = z.object({
  id: UuidSchema,
  ...vendorFields,
  kind: VendorKindSchema,
  status: VendorStatusSchema,
  createdAt: IsoDateTimeSchema,
});
export type Vendor = z.infer<typeof VendorSchema>;

// A change of a vendor's bank account under four eyes: requested by one person, approved by
// another (the account is replaced then), or rejected.
export const BankAccountChangeRequestSchema = z.strictObject({
  bankAccount: BankAccountInputSchema,
  reason: z.string().trim().min(1).max(500).optional(),
});
export type BankAccountChangeRequest = z.infer<typeof BankAccountChangeRequestSchema>;

export const BankAccountChangeStatusSchema = z.enum(['requested', 'approved', 'rejected']);
export type BankAccountChangeStatus = z.infer<typeof BankAccountChangeStatusSchema>;

export const BankAccountChangeSchema = z.object({
  id: UuidSchema,
  vendorId: UuidSchema,
  status: BankAccountChangeStatusSchema,
  /** The requested account (holderKana as stored: Zengin kana). */
  bankAccount: BankAccountSchema,
  /** The account it replaces (replaced): as it was when the change was requested. */
  previousBankAccount: BankAccountSchema,
  reason: z.string().optional(),
  requestedBy: SignatureSchema,
  requestedAt: IsoDateTimeSchema,
  decidedBy: SignatureSchema.optional(),
  decidedAt: IsoDateTimeSchema.optional(),
  rejectionReason: z.string().optional(),
});
export type BankAccountChange = z.infer<typeof BankAccountChangeSchema>;

export const VendorChangeParamsSchema = z.strictObject({ id: UuidSchema, changeId: UuidSchema });
export type VendorChangeParams = z.infer<typeof VendorChangeParamsSchema>;

const budgetFields = {
  fiscalYear: FiscalYearSchema,
  code: BudgetCodeSchema,
  name: z.string().min(1).max(200),
  amount: YenSchema,
  // The city's names of the code's 款・項・目 (the 節 are national), printed on vouchers as
  // 「03款 民生費 01項 社会福祉費 01目 社会福祉総務費 12節 委託料」; absent: the national 款 name,
  // 項・目 by number.
  kanName: z.string().trim().min(1).max(50).optional(),
  kouName: z.string().trim().min(1).max(50).optional(),
  mokuName: z.string().trim().min(1).max(50).optional(),
};

export const BudgetCreateRequestSchema = z.strictObject(budgetFields);
export type BudgetCreateRequest = z.infer<typeof BudgetCreateRequestSchema>;

// currentAmount (予算現額) = amount + transfers in − transfers out (流用); encumbered = what
// approved contracts commit in this year; spent = Σ paid amounts; available = currentAmount −
// encumbered (v1: amount − encumbered, the same without transfers).
export const BudgetSchema = z.object({
  ...budgetFields,
  transfersIn: YenSchema,
  transfersOut: YenSchema,
  currentAmount: YenSchema,
  encumbered: YenSchema,
  spent: YenSchema,
  available: YenSchema,
});
export type Budget = z.infer<typeof BudgetSchema>;

// 流用: between 節 of the same 款・項・目 of one fiscal year.
export const BudgetTransferCreateRequestSchema = z.strictObject({
  fiscalYear: FiscalYearSchema,
  fromCode: BudgetCodeSchema,
  toCode: BudgetCodeSchema,
  amount: PositiveYenSchema,
  reason: z.string().trim().min(1).max(500),
});
export type BudgetTransferCreateRequest = z.infer<typeof BudgetTransferCreateRequestSchema>;

export const BudgetTransferStatusSchema = z.enum(['requested', 'approved', 'rejected']);
export type BudgetTransferStatus = z.infer<typeof BudgetTransferStatusSchema>;

export const BudgetTransferSchema = z.object({
  id: UuidSchema,
  fiscalYear: FiscalYearSchema,
  fromCode: BudgetCodeSchema,
  toCode: BudgetCodeSchema,
  amount: PositiveYenSchema,
  reason: z.string(),
  status: BudgetTransferStatusSchema,
  requestedBy: SignatureSchema,
  requestedAt: IsoDateTimeSchema,
  decidedBy: SignatureSchema.optional(),
  decidedAt: IsoDateTimeSchema.optional(),
  rejectionReason: z.string().optional(),
});
export type BudgetTransfer = z.infer<typeof BudgetTransferSchema>;

export const BudgetTransferListFilters = {
  fiscalYear: QueryFiscalYearSchema.optional(),
  status: BudgetTransferStatusSchema.optional(),
};

const contractTermsFields = {
  vendorId: UuidSchema,
  title: z.string().min(1).max(200),
  budgetCode: BudgetCodeSchema,
  fiscalYear: FiscalYearSchema,
  amount: PositiveYenSchema, // tax included
  taxRate: TaxRateSchema,
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
};

/** A multi-year commitment's amount per fiscal year (債務負担行為), first year first. */
export const ScheduleSchema = z
  .array(z.strictObject({ fiscalYear: FiscalYearSchema, amount: YenSchema }))
  .min(1)
  .max(10);
export type Schedule = z.infer<typeof ScheduleSchema>;

// kind absent: services. method absent: not recorded (a v1 client sends neither); the web app
// always sends it. schedule: required when the period ends after March 31 of fiscalYear.
const contractTermsV2Fields = {
  kind: ContractKindSchema.optional().openapi({
    description: '物品 goods / 役務 services / 工事 works (default services)',
  }),
  method: ContractMethodSchema.optional().openapi({
    description: '契約方法: 一般競争入札 / 指名競争入札 / 随意契約 (地方自治法 Art. 234)',
  }),
  schedule: ScheduleSchema.optional().openapi({
    description:
      '債務負担行為: required when endDate is after March 31 of fiscalYear; one entry per fiscal year the period touches, first = fiscalYear, amounts summing to amount',
  }),
};

// ISO dates compare correctly as strings.
export const ContractCreateRequestSchema = z
  .strictObject({ ...contractTermsFields, ...contractTermsV2Fields })
  .refine((c) => c.endDate >= c.startDate, {
    error: 'must not be before startDate',
    path: ['endDate'],
  });
export type ContractCreateRequest = z.infer<typeof ContractCreateRequestSchema>;

// Editing a draft: the fields given replace the draft's; the result is checked as a new draft.
export const ContractUpdateRequestSchema = z
  .strictObject({ ...contractTermsFields, ...contractTermsV2Fields })
  .partial();
export type ContractUpdateRequest = z.infer<typeof ContractUpdateRequestSchema>;

export const ContractCancelRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
export type ContractCancelRequest = z.infer<typeof ContractCancelRequestSchema>;

// 変更契約: the new total amount (tax included) and, when the period changes, the new end date;
// a multi-year contract restates its schedule.
export const AmendmentCreateRequestSchema = z.strictObject({
  amount: PositiveYenSchema,
  endDate: IsoDateSchema.optional(),
  schedule: ScheduleSchema.optional(),
  reason: z.string().trim().min(1).max(500),
});
export type AmendmentCreateRequest = z.infer<typeof AmendmentCreateRequestSchema>;

export const AmendmentParamsSchema = z.strictObject({ id: UuidSchema, amendmentId: UuidSchema });
export type AmendmentParams = z.infer<typeof AmendmentParamsSchema>;

export const ContractApproveRequestSchema = z.strictObject({
  comment: z.string().max(500).optional(),
});
export type ContractApproveRequest = z.infer<typeof ContractApproveRequestSchema>;

// Used by every reject endpoint (contracts and invoices).
export const RejectRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
export type RejectRequest = z.infer<typeof RejectRequestSchema>;

// One sign-off on a route. approver = username (v1); displayName, title and rank are the
// signer's when the sign-off was made (absent on sign-offs recorded before v2).
export const ApprovalSchema = z.object({
  approver: z.string(),
  username: z.string(),
  displayName: z.string().optional(),
  title: z.string().optional(),
  rank: RankSchema.optional(),
  at: IsoDateTimeSchema,
  comment: z.string().optional(),
  step: z.int().min(1),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ContractStatusSchema = z.enum([
  'draft',
  'submitted',
  'approved',
  'rejected',
  'completed',
  'cancelled',
]);
export type ContractStatus = z.infer<typeof ContractStatusSchema>;

/** One fiscal year of a commitment: its amount and how much of it encumbers its budget line now. */
export const CommitmentSchema = z.object({
  fiscalYear: FiscalYearSchema,
  amount: YenSchema,
  /** 0 until the year opens (April 1) and its budget line takes it; then the amount. */
  encumbered: YenSchema,
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const AmendmentStatusSchema = z.enum(['submitted', 'approved', 'rejected']);
export type AmendmentStatus = z.infer<typeof AmendmentStatusSchema>;

export const AmendmentSchema = z.object({
  id: UuidSchema,
  contractId: UuidSchema,
  status: AmendmentStatusSchema,
  amount: PositiveYenSchema,
  previousAmount: PositiveYenSchema,
  endDate: IsoDateSchema,
  previousEndDate: IsoDateSchema,
  schedule: ScheduleSchema.optional(),
  reason: z.string(),
  route: z.array(RankSchema),
  approvals: z.array(ApprovalSchema),
  requestedBy: SignatureSchema,
  requestedAt: IsoDateTimeSchema,
  decidedAt: IsoDateTimeSchema.optional(),
  rejectionReason: z.string().optional(),
});
export type Amendment = z.infer<typeof AmendmentSchema>;

/**
 * The contract's budget line as its commitment (支出負担行為) found it, captured when the route
 * completed so a reprint of the voucher shows the same figures: 予算現額 (incl. 流用), 既負担額
 * (what other contracts had committed) and 今回負担額 (what this one committed in its year).
 */
export const BudgetAtCommitmentSchema = z.object({
  currentAmount: YenSchema,
  committedBefore: YenSchema,
  thisCommitment: YenSchema,
});
export type BudgetAtCommitment = z.infer<typeof BudgetAtCommitmentSchema>;

export const ContractSchema = z.object({
  id: UuidSchema,
  documentNumber: z.string(),
  ...contractTermsFields,
  kind: ContractKindSchema,
  method: ContractMethodSchema.optional(),
  schedule: ScheduleSchema.optional(),
  status: ContractStatusSchema,
  createdBy: z.string(),
  /** 起案者: the creator's name and title when the draft was made (absent before v2). */
  createdBySignature: SignatureSchema.optional(),
  submittedBy: z.string().optional(),
  /** Why an approver rejected it (status rejected). */
  rejectionReason: z.string().optional(),
  invoicedAmount: YenSchema,
  paidAmount: YenSchema,
  remainingAmount: YenSchema,
  /**
   * The ranks that must sign, in order (専決規程): fixed at submission; on a draft, the route
   * its current amount and kind would get.
   */
  route: z.array(RankSchema),
  approvals: z.array(ApprovalSchema),
  /** route.length (v1's head count). */
  requiredApprovals: z.int().min(1),
  /** 契約締結日: the day the route completed. */
  concludedOn: IsoDateSchema.optional(),
  /** Absent until approved, and for contracts approved before it was recorded. */
  budgetAtCommitment: BudgetAtCommitmentSchema.optional(),
  /** Per fiscal year: what is committed and what encumbers the year's budget line now. */
  commitments: z.array(CommitmentSchema),
  amendments: z.array(AmendmentSchema),
  /** What completing or cancelling gave back to the budget (completed, cancelled). */
  releasedAmount: YenSchema.optional(),
  /** Why it was cancelled, or the completion's note. */
  closingReason: z.string().optional(),
  closedAt: IsoDateTimeSchema.optional(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Contract = z.infer<typeof ContractSchema>;

// The filters of the lists (their page fields and sortable fields are declared with the
// operations, in api/contract.ts).

// from/to bound the contract's startDate (inclusive); minAmount/maxAmount bound its amount;
// q: the title or the document number contains it.
export const ContractListFilters = {
  status: ContractStatusSchema.optional(),
  vendorId: UuidSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  minAmount: QueryYenSchema.optional(),
  maxAmount: QueryYenSchema.optional(),
  q: SearchTextSchema.optional(),
};

// q: the name, its kana, the corporate number or the registration number contains it.
export const VendorListFilters = { q: SearchTextSchema.optional() };

// q: the code or the name contains it.
export const BudgetListFilters = {
  fiscalYear: QueryFiscalYearSchema.optional(),
  q: SearchTextSchema.optional(),
};

// q: the code starts with it (digits), or the name or kana contains it.
export const BankListFilters = { q: SearchTextSchema.optional() };

/** A bank or a branch of the Zengin code data; `kana` is Zengin (half-width) kana. */
export const BankSchema = z.object({
  code: z.string(),
  name: z.string(),
  kana: z.string(),
});
export type Bank = z.infer<typeof BankSchema>;

export const BankCodeParamsSchema = z.strictObject({
  bankCode: z.string().regex(/^\d{4}$/, 'must be 4 digits'),
});
export type BankCodeParams = z.infer<typeof BankCodeParamsSchema>;
