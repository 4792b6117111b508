import { z } from './zod';
import { SearchTextSchema } from './paging';
import { QueryYenSchema } from './query';
import {
  ContractKindSchema,
  FiscalYearSchema,
  IsoDateSchema,
  IsoDateTimeSchema,
  RegistrationNumberSchema,
  SignatureSchema,
  TaxRateSchema,
  UuidSchema,
  YenSchema,
} from './values';

/** What the line amounts of an invoice are: 税抜 (the default, as in v1) or 税込. */
export const AmountsIncludeSchema = z.enum(['tax-excluded', 'tax-included']);
export type AmountsInclude = z.infer<typeof AmountsIncludeSchema>;

export const InvoiceLineSchema = z.strictObject({
  description: z.string().min(1).max(200),
  amount: z.int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).openapi({
    description:
      'Integer yen as the invoice states it (tax-excluded or tax-included, per amountsInclude); negative for a discount, as long as each rate’s base stays ≥ 0',
  }),
  taxRate: TaxRateSchema,
  withholding: z.boolean().optional().openapi({
    description:
      '源泉徴収: a fee subject to withholding (所得税法 Art. 204); only for an individual vendor',
  }),
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

/** The tax an invoice states for one rate (qualified invoice: once per rate, issuer's rounding). */
export const StatedTaxSchema = z.strictObject({ rate: TaxRateSchema, tax: YenSchema });
export type StatedTax = z.infer<typeof StatedTaxSchema>;

const invoiceDocumentFields = {
  contractId: UuidSchema,
  invoiceNumber: z.string().min(1).max(50),
  issueDate: IsoDateSchema,
  registrationNumber: RegistrationNumberSchema.optional().openapi({
    description:
      "適格請求書発行事業者登録番号; optional (免税事業者 are paid too); when given it must be the vendor's own",
  }),
  lines: z.array(InvoiceLineSchema).min(1).max(100),
  statedTaxes: z.array(StatedTaxSchema).max(3).optional().openapi({
    description:
      'The tax per rate as the invoice states it: the exact tax rounded down, half-up or up; a rate without one is rounded down',
  }),
};

export const InvoiceCreateRequestSchema = z.strictObject({
  ...invoiceDocumentFields,
  amountsInclude: AmountsIncludeSchema.optional().openapi({
    description: 'What the line amounts are; tax-excluded unless given',
  }),
  receivedOn: IsoDateSchema.optional().openapi({
    description:
      'Staff only: the day the claim arrived (not after today, not before issueDate); today unless given. A vendor user sending it is refused (403)',
  }),
});
export type InvoiceCreateRequest = z.infer<typeof InvoiceCreateRequestSchema>;

// One rate's base (the sum of its line amounts, as the lines state them) and its tax as stated
// (or, where the invoice states none, rounded down).
export const TaxBreakdownSchema = z.object({
  rate: TaxRateSchema,
  base: YenSchema,
  tax: YenSchema,
});
export type TaxBreakdown = z.infer<typeof TaxBreakdownSchema>;

/** How an invoice arrived: keyed in (a paper claim, or a vendor's form) or a JP PINT e-invoice. */
export const InvoiceSourceSchema = z.enum(['paper', 'jp-pint']);
export type InvoiceSource = z.infer<typeof InvoiceSourceSchema>;

export const InvoicePeriodSchema = z.object({ start: IsoDateSchema, end: IsoDateSchema });
export type InvoicePeriod = z.infer<typeof InvoicePeriodSchema>;

/**
 * The payee account an e-invoice states (cac:PaymentMeans/cac:PayeeFinancialAccount), kept as
 * stated: the city pays only to the vendor's registered account.
 */
export const StatedPayeeAccountSchema = z.object({
  bankCode: z.string().optional(),
  branchCode: z.string().optional(),
  accountNumber: z.string(),
  accountType: z.string().optional(),
  holderName: z.string().optional(),
});
export type StatedPayeeAccount = z.infer<typeof StatedPayeeAccountSchema>;

const eInvoiceFields = {
  source: InvoiceSourceSchema.openapi({
    description: 'paper: keyed in (POST /api/invoices); jp-pint: received as a JP PINT e-invoice',
  }),
  originalSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .openapi({
      description:
        'jp-pint: the SHA-256 (hex) of the XML as received, kept unchanged (GET /api/invoices/{id}/original)',
    }),
  period: InvoicePeriodSchema.optional().openapi({
    description: 'jp-pint: the invoicing period the e-invoice states (cac:InvoicePeriod)',
  }),
  sellerCorporateNumber: z.string().optional().openapi({
    description:
      "jp-pint: the seller's 法人番号 as stated (cac:PartyLegalEntity/cbc:CompanyID, 0188)",
  }),
  statedPayeeAccount: StatedPayeeAccountSchema.optional(),
  payeeAccountDiffers: z.boolean().optional().openapi({
    description:
      "jp-pint: true when the stated payee account is not the vendor's registered one; the payment still goes to the registered account (a change needs approval)",
  }),
};

/** A JP PINT credit note (適格返還請求書) received against the invoice before its payment order. */
export const InvoiceCreditSchema = z.object({
  id: UuidSchema,
  creditNoteNumber: z.string().openapi({ description: "The credit note's own number (cbc:ID)" }),
  issueDate: IsoDateSchema,
  total: YenSchema.openapi({
    description: 'What it returns, tax included (cbc:PayableAmount): taken off payableTotal',
  }),
  taxes: z.array(TaxBreakdownSchema).openapi({
    description: 'Per rate the taxable amount and tax returned, as stated (cac:TaxSubtotal)',
  }),
  originalSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .openapi({
      description:
        'The SHA-256 (hex) of the XML as received (GET /api/invoices/{id}/credit-notes/{creditId}/original)',
    }),
});
export type InvoiceCredit = z.infer<typeof InvoiceCreditSchema>;

export const InvoiceCreditParamsSchema = z.strictObject({ id: UuidSchema, creditId: UuidSchema });

export const InvoiceStatusSchema = z.enum(['received', 'inspected', 'approved', 'rejected']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

export const InvoiceSchema = z.object({
  id: UuidSchema,
  documentNumber: z.string(),
  ...invoiceDocumentFields,
  amountsInclude: AmountsIncludeSchema,
  vendorId: UuidSchema,
  status: InvoiceStatusSchema,
  qualified: z.boolean().openapi({
    description:
      "適格請求書: true only when the registration number is given and is the vendor's own",
  }),
  contractKind: ContractKindSchema,
  /** The fiscal year whose budget bears the payment. */
  fiscalYear: FiscalYearSchema,
  receivedOn: IsoDateSchema,
  subtotal: YenSchema,
  taxes: z.array(TaxBreakdownSchema),
  total: YenSchema,
  withholdingTax: YenSchema,
  credits: z.array(InvoiceCreditSchema).openapi({
    description:
      'The credit notes received against the invoice before its payment order (empty for none)',
  }),
  payableTotal: YenSchema.openapi({
    description: 'total − the credits’ totals: what the payment order orders',
  }),
  netAmount: YenSchema.openapi({
    description: 'payableTotal − withholdingTax: what is transferred',
  }),
  dueDate: IsoDateSchema.openapi({
    description:
      'Payment deadline: 30 days after receivedOn (40 for works) on a bank business day, shortened by a late inspection',
  }),
  originalDueDate: IsoDateSchema.openapi({
    description: 'The payment deadline as it stood at receipt, before any late inspection',
  }),
  inspectionDueDate: IsoDateSchema.openapi({
    description: 'Inspection deadline: 10 days after receivedOn (14 for works)',
  }),
  inspectionOverdue: z.boolean().openapi({
    description: 'Still received (not inspected) after inspectionDueDate',
  }),
  inspectionLateDays: z.int().min(0).optional().openapi({
    description: 'Days the inspection came after its deadline, taken off the payment period',
  }),
  createdBy: z.string(),
  createdBySignature: SignatureSchema.optional(),
  createdAt: IsoDateTimeSchema,
  inspectedBy: z.string().optional(),
  inspectedBySignature: SignatureSchema.optional(),
  inspectedAt: IsoDateTimeSchema.optional(),
  approvedBy: z.string().optional(),
  approvedAt: IsoDateTimeSchema.optional(),
  /** The payment order's orderer (= approvedBy) and signature. */
  orderedBy: z.string().optional(),
  orderedBySignature: SignatureSchema.optional(),
  paymentOrderNumber: z.string().optional(),
  /** The 会計管理者's confirmation of the payment order (from the payment service). */
  confirmedBy: z.string().optional(),
  confirmedBySignature: SignatureSchema.optional(),
  confirmedAt: IsoDateTimeSchema.optional(),
  rejectedBy: z.string().optional(),
  rejectedAt: IsoDateTimeSchema.optional(),
  rejectedReason: z.string().optional(),
  ...eInvoiceFields,
});
export type Invoice = z.infer<typeof InvoiceSchema>;

/**
 * What a JP PINT e-invoice was read as, before it is registered: the seller as stated, the
 * contract and vendor it was matched to, and the figures the invoice would get.
 */
export const EInvoicePreviewSchema = z.object({
  specification: z.enum(['billing', 'nontax']).openapi({
    description:
      'billing: JP PINT (適格請求書, urn:peppol:pint:billing-1@jp-1); nontax: JP BIS for non-tax-registered businesses',
  }),
  invoiceNumber: z.string(),
  issueDate: IsoDateSchema,
  seller: z.object({
    name: z.string(),
    registrationNumber: z.string().optional(),
    corporateNumber: z.string().optional(),
  }),
  contract: z.object({ id: UuidSchema, documentNumber: z.string(), title: z.string() }),
  vendor: z.object({ id: UuidSchema, name: z.string() }),
  period: InvoicePeriodSchema.optional(),
  lines: z.array(InvoiceLineSchema),
  amountsInclude: AmountsIncludeSchema,
  qualified: z.boolean(),
  subtotal: YenSchema,
  taxes: z.array(TaxBreakdownSchema),
  total: YenSchema,
  withholdingTax: YenSchema,
  netAmount: YenSchema,
  receivedOn: IsoDateSchema,
  dueDate: IsoDateSchema,
  inspectionDueDate: IsoDateSchema,
  statedPayeeAccount: StatedPayeeAccountSchema.optional(),
  payeeAccountDiffers: z.boolean().openapi({
    description:
      "The stated payee account is not the vendor's registered one (the city pays the registered one)",
  }),
  credit: z
    .object({ invoiceId: UuidSchema, invoiceNumber: z.string(), total: YenSchema })
    .optional()
    .openapi({
      description:
        'A credit note: the invoice it would be received against and what it would take off (its other figures are those of the credit note)',
    }),
});
export type EInvoicePreview = z.infer<typeof EInvoicePreviewSchema>;

// A query flag: only the literal strings true and false.
const QueryFlagSchema = z.enum(['true', 'false']).transform((flag) => flag === 'true');

// from/to bound receivedOn (inclusive; the city's date, which starts the payment deadline);
// minAmount/maxAmount bound total; q: the invoice number or the document number contains it;
// inspectionOverdue=true: still received after the inspection deadline (支払遅延防止法 Art. 5).
// (The page fields and sortable fields are declared with the operation, in api/invoice.ts.)
export const InvoiceListFilters = {
  status: InvoiceStatusSchema.optional(),
  contractId: UuidSchema.optional(),
  vendorId: UuidSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  minAmount: QueryYenSchema.optional(),
  maxAmount: QueryYenSchema.optional(),
  q: SearchTextSchema.optional(),
  inspectionOverdue: QueryFlagSchema.optional(),
  source: InvoiceSourceSchema.optional(),
  // The transaction date of 電子帳簿保存法's search keys: the invoice's own date.
  issuedFrom: IsoDateSchema.optional(),
  issuedTo: IsoDateSchema.optional(),
};
