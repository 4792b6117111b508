// Building blocks for query strings and path parameters: every value arrives as a string.
import { z } from './zod';
import { BudgetCodeSchema, FiscalYearSchema, UuidSchema, YenSchema } from './values';

// Digits only, so '', '1e3', '0x10' and '-1' are rejected instead of being coerced to numbers.
export const QueryYenSchema = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a non-negative integer')
  .transform(Number)
  .pipe(YenSchema);

interface RangeQuery {
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
}

// An empty range is almost always a mistake in the request, so it is a 400, not an empty list.
export function withRangeChecks<T extends z.ZodType<RangeQuery>>(schema: T): T {
  return schema
    .refine((q) => !q.from || !q.to || q.from <= q.to, {
      error: 'must not be before from',
      path: ['to'],
    })
    .refine(
      (q) => q.minAmount === undefined || q.maxAmount === undefined || q.minAmount <= q.maxAmount,
      { error: 'must not be less than minAmount', path: ['maxAmount'] },
    );
}

// Path parameters. Parsing them first turns '/contracts/not-a-uuid' into a 400, not a 500
// from the database.
export const IdParamsSchema = z.strictObject({ id: UuidSchema });
export type IdParams = z.infer<typeof IdParamsSchema>;

export const QueryFiscalYearSchema = z
  .string()
  .regex(/^\d{4}$/, 'must be a four-digit year')
  .transform(Number)
  .pipe(FiscalYearSchema);

export const BudgetKeyParamsSchema = z.strictObject({
  fiscalYear: QueryFiscalYearSchema,
  code: BudgetCodeSchema,
});
export type BudgetKeyParams = z.infer<typeof BudgetKeyParamsSchema>;
