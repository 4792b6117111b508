import { jsonSetting } from '@denpyo/platform';
import { RankSchema, type Rank } from '@denpyo/schemas';
import { z } from 'zod';
import {
  DEFAULT_DELEGATION_RULES,
  DelegationRulesSchema,
  type DelegationRules,
} from './domain/delegation';

/**
 * Who decides a 流用 by default: a 課長 (kacho) or above, the finance section's head under the
 * city's 事務専決規程 (地方自治法 Art. 153: the head delegates decisions; 流用 of 節 within a 目
 * is an executive decision, Art. 220(2)). The treasurer pays but does not execute the budget
 * (Art. 170), so the rank is an approver's.
 */
export const DEFAULT_TRANSFER_APPROVER_RANK: Rank = 'kacho';

/**
 * The contract service's own settings; a malformed value stops the process at start-up, naming
 * the variable.
 * - DELEGATION_RULES: the delegation rules (専決規程) as a JSON array of bands
 *   `{fromAmount, route:[rank…], kinds?:[kind…]}`; absent, DEFAULT_DELEGATION_RULES (API.md v2,
 *   地方自治法 Art. 153).
 * - TRANSFER_APPROVER_RANK: the lowest rank that decides a 流用; absent,
 *   DEFAULT_TRANSFER_APPROVER_RANK (課長).
 */
export const contractSettingsSchema = z.object({
  DELEGATION_RULES: jsonSetting(DelegationRulesSchema).optional(),
  TRANSFER_APPROVER_RANK: RankSchema.optional(),
});
export type ContractSettings = z.infer<typeof contractSettingsSchema>;

/** The rules the settings give, the defaults standing in for what is absent. */
export function contractRules(settings: ContractSettings): {
  delegationRules: DelegationRules;
  transferApproverRank: Rank;
} {
  return {
    delegationRules: settings.DELEGATION_RULES ?? DEFAULT_DELEGATION_RULES,
    transferApproverRank: settings.TRANSFER_APPROVER_RANK ?? DEFAULT_TRANSFER_APPROVER_RANK,
  };
}
