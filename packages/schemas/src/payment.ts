import { z } from './zod';
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

export const PaymentListQuerySchema = z.strictObject({
  invoiceId: UuidSchema.optional(),
  vendorId: UuidSchema.optional(),
  status: PaymentStatusSchema.optional(),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuerySchema>;

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

export const TransferBatchStatusSchema = z.enum(['draft', 'approved', 'settled']);
export type TransferBatchStatus = z.infer<typeof TransferBatchStatusSchema>;

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
  invoiceNumber: z.string(),
  amount: PositiveYenSchema,
  status: PaymentStatusSchema,
  transferDate: IsoDateSchema.optional(),
});
export type Remittance = z.infer<typeof RemittanceSchema>;
