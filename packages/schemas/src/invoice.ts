import { z } from './zod';
import { SearchTextSchema } from './paging';
import { QueryYenSchema } from './query';
import {
  IsoDateSchema,
  IsoDateTimeSchema,
  PositiveYenSchema,
  RegistrationNumberSchema,
  TaxRateSchema,
  UuidSchema,
  YenSchema,
} from './values';

export const InvoiceLineSchema = z.strictObject({
  description: z.string().min(1).max(200),
  amount: PositiveYenSchema, // tax excluded
  taxRate: TaxRateSchema,
});
export type InvoiceLine = z.infer<typeof InvoiceLineSchema>;

const invoiceDocumentFields = {
  contractId: UuidSchema,
  invoiceNumber: z.string().min(1).max(50),
  issueDate: IsoDateSchema,
  registrationNumber: RegistrationNumberSchema,
  lines: z.array(InvoiceLineSchema).min(1).max(100),
};

export const InvoiceCreateRequestSchema = z.strictObject(invoiceDocumentFields);
export type InvoiceCreateRequest = z.infer<typeof InvoiceCreateRequestSchema>;

// Tax is computed once per rate per invoice (qualified invoice rule), rounded down.
export const TaxBreakdownSchema = z.object({
  rate: TaxRateSchema,
  base: YenSchema,
  tax: YenSchema,
});
export type TaxBreakdown = z.infer<typeof TaxBreakdownSchema>;

export const InvoiceStatusSchema = z.enum(['received', 'inspected', 'approved', 'rejected']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

export const InvoiceSchema = z.object({
  id: UuidSchema,
  documentNumber: z.string(),
  ...invoiceDocumentFields,
  vendorId: UuidSchema,
  status: InvoiceStatusSchema,
  receivedOn: IsoDateSchema,
  subtotal: YenSchema,
  taxes: z.array(TaxBreakdownSchema),
  total: YenSchema,
  dueDate: IsoDateSchema,
  inspectedBy: z.string().optional(),
  inspectedAt: IsoDateTimeSchema.optional(),
  approvedBy: z.string().optional(),
  approvedAt: IsoDateTimeSchema.optional(),
  rejectedReason: z.string().optional(),
  createdBy: z.string(),
  createdAt: IsoDateTimeSchema,
});
export type Invoice = z.infer<typeof InvoiceSchema>;

// from/to bound receivedOn (inclusive; the city's date, which starts the payment deadline);
// minAmount/maxAmount bound total; q: the invoice number or the document number contains it.
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
};
