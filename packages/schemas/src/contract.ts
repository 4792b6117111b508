import { z } from './zod';
import {
  BankAccountSchema,
  BudgetCodeSchema,
  CorporateNumberSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  PositiveYenSchema,
  RegistrationNumberSchema,
  TaxRateSchema,
  UuidSchema,
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
};

export const VendorCreateRequestSchema = z.strictObject(vendorFields);
export type VendorCreateRequest = z.infer<typeof VendorCreateRequestSchema>;

export const VendorStatusSchema = z.enum(['active']);
export type VendorStatus = z.infer<typeof VendorStatusSchema>;

export const VendorSchema = z.object({
  id: UuidSchema,
  ...vendorFields,
  status: VendorStatusSchema,
  createdAt: IsoDateTimeSchema,
});
export type Vendor = z.infer<typeof VendorSchema>;

const budgetFields = {
  fiscalYear: FiscalYearSchema,
  code: BudgetCodeSchema,
  name: z.string().min(1).max(200),
  amount: YenSchema,
};

export const BudgetCreateRequestSchema = z.strictObject(budgetFields);
export type BudgetCreateRequest = z.infer<typeof BudgetCreateRequestSchema>;

// encumbered = Σ approved contract amounts, spent = Σ paid amounts, available = amount − encumbered.
export const BudgetSchema = z.object({
  ...budgetFields,
  encumbered: YenSchema,
  spent: YenSchema,
  available: YenSchema,
});
export type Budget = z.infer<typeof BudgetSchema>;

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

// ISO dates compare correctly as strings.
export const ContractCreateRequestSchema = z
  .strictObject(contractTermsFields)
  .refine((c) => c.endDate >= c.startDate, {
    error: 'must not be before startDate',
    path: ['endDate'],
  });
export type ContractCreateRequest = z.infer<typeof ContractCreateRequestSchema>;

export const ContractApproveRequestSchema = z.strictObject({
  comment: z.string().max(500).optional(),
});
export type ContractApproveRequest = z.infer<typeof ContractApproveRequestSchema>;

// Used by every reject endpoint (contracts and invoices).
export const RejectRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500),
});
export type RejectRequest = z.infer<typeof RejectRequestSchema>;

export const ApprovalSchema = z.object({
  approver: z.string(),
  at: IsoDateTimeSchema,
  comment: z.string().optional(),
  step: z.int().min(1),
});
export type Approval = z.infer<typeof ApprovalSchema>;

export const ContractStatusSchema = z.enum(['draft', 'submitted', 'approved', 'rejected']);
export type ContractStatus = z.infer<typeof ContractStatusSchema>;

export const ContractSchema = z.object({
  id: UuidSchema,
  documentNumber: z.string(),
  ...contractTermsFields,
  status: ContractStatusSchema,
  createdBy: z.string(),
  submittedBy: z.string().optional(),
  /** Why an approver rejected it (status rejected). */
  rejectionReason: z.string().optional(),
  invoicedAmount: YenSchema,
  paidAmount: YenSchema,
  remainingAmount: YenSchema,
  approvals: z.array(ApprovalSchema),
  requiredApprovals: z.int().min(1),
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
