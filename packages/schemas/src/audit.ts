// The append-only audit trail (電子帳簿保存法): who changed what, when, from what, to what.
import { z } from './zod';
import { QueryYenSchema } from './query';
import { IsoDateSchema, IsoDateTimeSchema, YenSchema } from './values';

// A snapshot of the entity; null before creation.
const EntitySnapshotSchema = z.record(z.string(), z.unknown()).nullable();

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: IsoDateTimeSchema,
  actor: z.string(),
  action: z.string().min(1),
  entityType: z.string().min(1),
  entityId: z.string().min(1),
  amount: YenSchema.optional(),
  counterparty: z.string().optional(), // the vendor id, when the entry concerns a vendor
  before: EntitySnapshotSchema,
  after: EntitySnapshotSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

// from/to bound the Japan-time date of `at` (inclusive); minAmount/maxAmount bound amount.
// (The page fields are declared with the operations, in api/common.ts.)
export const AuditFilters = {
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  minAmount: QueryYenSchema.optional(),
  maxAmount: QueryYenSchema.optional(),
  counterparty: z.string().min(1).max(200).optional(),
  entityType: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
};
