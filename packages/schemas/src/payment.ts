import { z } from './zod';
import { SearchTextSchema } from './paging';
import {
  IsoDateSchema,
  IsoDateTimeSchema,
  PositiveYenSchema,
  UuidSchema,
  YenSchema,
} from './values';

export const PaymentStatusSchema = z.enum(['scheduled', 'batched', 'paid', 'failed']);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const PaymentSchema = z.object({
  id: UuidSchema,
  invoiceId: UuidSchema,
  contractId: UuidSchema,
  vendorId: UuidSchema,
  invoiceNumber: z.string(),
  amount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  status: PaymentStatusSchema,
  transferDate: IsoDateSchema.optional(),
  batchId: UuidSchema.optional(),
});
export type Payment = z.infer<typeof PaymentSchema>;

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

export const TransferBatchStatusSchema = z.enum(['draft', 'approved', 'settled']);
export type TransferBatchStatus = z.infer<typeof TransferBatchStatusSchema>;

// from/to bound transferDate (inclusive).
export const TransferBatchListFilters = {
  status: TransferBatchStatusSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
};

// Each duplicate is reported at its own index so the problem document names it.
export const TransferBatchCreateRequestSchema = z.strictObject({
  transferDate: IsoDateSchema,
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

export const TransferBatchSchema = z.object({
  id: UuidSchema,
  status: TransferBatchStatusSchema,
  transferDate: IsoDateSchema,
  count: z.int().min(1),
  total: YenSchema,
  createdBy: z.string(),
  approvedBy: z.string().optional(),
  approvedAt: IsoDateTimeSchema.optional(),
  settledAt: IsoDateTimeSchema.optional(),
  paymentIds: z.array(UuidSchema),
});
export type TransferBatch = z.infer<typeof TransferBatchSchema>;

// A vendor's view of one of its payments (振込情報開示).
export const RemittanceSchema = z.object({
  paymentId: UuidSchema,
  invoiceId: UuidSchema,
  invoiceNumber: z.string(),
  amount: PositiveYenSchema,
  dueDate: IsoDateSchema,
  status: PaymentStatusSchema,
  transferDate: IsoDateSchema.optional(),
});
export type Remittance = z.infer<typeof RemittanceSchema>;
