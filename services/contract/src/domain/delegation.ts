import { ContractKindSchema, RankSchema, type ContractKind, type Rank } from '@denpyo/schemas';
import { z } from 'zod';

/**
 * One band of the delegation rules (専決規程): from this tax-included amount, the ranks that must
 * sign, in order. A band naming `kinds` applies only to contracts of those kinds and wins over a
 * general band of the same amount.
 */
const DelegationBandSchema = z.strictObject({
  fromAmount: z.int().min(0),
  route: z.array(RankSchema).min(1),
  kinds: z.array(ContractKindSchema).min(1).optional(),
});
export type DelegationBand = z.infer<typeof DelegationBandSchema>;

export const DelegationRulesSchema = z
  .array(DelegationBandSchema)
  .min(1)
  .refine(
    (bands) => bands.some((band) => band.fromAmount === 0 && band.kinds === undefined),
    'needs a band from 0 for every kind, so every contract has a route',
  );
export type DelegationRules = z.infer<typeof DelegationRulesSchema>;

/**
 * The city's default delegation rules (API.md v2; the 事務専決規程 of a mid-size city, under
 * 地方自治法 Art. 153: the head delegates decisions by amount): < ¥1,000,000 課長;
 * < ¥10,000,000 課長 → 部長; < ¥50,000,000 課長 → 部長 → 副市長; from ¥50,000,000 市長 as well.
 * Replaced by the DELEGATION_RULES setting (the same JSON array).
 */
export const DEFAULT_DELEGATION_RULES: DelegationRules = [
  { fromAmount: 0, route: ['kacho'] },
  { fromAmount: 1_000_000, route: ['kacho', 'bucho'] },
  { fromAmount: 10_000_000, route: ['kacho', 'bucho', 'fukushicho'] },
  { fromAmount: 50_000_000, route: ['kacho', 'bucho', 'fukushicho', 'shicho'] },
];

/** The route a contract of this amount and kind takes: the highest band it reaches. */
export function routeFor(
  amount: number,
  kind: ContractKind,
  rules: DelegationRules = DEFAULT_DELEGATION_RULES,
): Rank[] {
  let chosen: DelegationBand | undefined;
  for (const band of rules) {
    if (band.kinds && !band.kinds.includes(kind)) continue;
    if (amount < band.fromAmount) continue;
    const higher = !chosen || band.fromAmount > chosen.fromAmount;
    const moreSpecific =
      chosen?.fromAmount === band.fromAmount && !chosen.kinds && band.kinds !== undefined;
    if (higher || moreSpecific) chosen = band;
  }
  // The schema guarantees a general band from 0.
  return [...(chosen?.route ?? [])];
}
