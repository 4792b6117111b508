import { z } from 'zod';
import { DelegationRulesSchema } from './domain/delegation';

/**
 * The contract service's own settings. DELEGATION_RULES: the delegation rules (専決規程) as a
 * JSON array of bands `{fromAmount, route:[rank…], kinds?:[kind…]}`; absent, the default table of
 * API.md v2 (DEFAULT_DELEGATION_RULES, 地方自治法 Art. 153). A malformed value stops the process at
 * start-up, naming the variable.
 */
export const contractSettingsSchema = z.object({
  DELEGATION_RULES: z
    .string()
    .transform((value, context) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(DelegationRulesSchema)
    .optional(),
});
export type ContractSettings = z.infer<typeof contractSettingsSchema>;
