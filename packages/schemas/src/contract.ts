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
import { QueryYenSchema, withRangeChecks } from './query';

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

// from/to bound the contract's startDate (inclusive); minAmount/maxAmount bound its amount.
export const ContractListQuerySchema = withRangeChecks(
  z.strictObject({
    status: ContractStatusSchema.optional(),
    vendorId: UuidSchema.optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    minAmount: QueryYenSchema.optional(),
    maxAmount: QueryYenSchema.optional(),
  }),
);
export type ContractListQuery = z.infer<typeof ContractListQuerySchema>;
