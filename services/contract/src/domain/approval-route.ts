/**
 * Who must sign a contract off (決裁ルート), by amount. A route is a list of tiers; a contract
 * needs the approvals of the highest tier whose `fromAmount` it reaches. Kept as data so the
 * thresholds can change without touching the approval logic.
 */
export interface ApprovalTier {
  /** Tax-included contract amount (yen) from which this tier applies. */
  fromAmount: number;
  /** Sign-offs needed, each by a different approver. */
  approvals: number;
}

export type ApprovalRoute = readonly ApprovalTier[];

/** Default route (API.md): under ¥1,000,000 one approval; from ¥1,000,000 two. */
export const DEFAULT_APPROVAL_ROUTE: ApprovalRoute = [
  { fromAmount: 0, approvals: 1 },
  { fromAmount: 1_000_000, approvals: 2 },
];

export function requiredApprovals(
  amount: number,
  route: ApprovalRoute = DEFAULT_APPROVAL_ROUTE,
): number {
  let required = 1;
  let reached = -Infinity;
  for (const tier of route) {
    if (amount >= tier.fromAmount && tier.fromAmount >= reached) {
      reached = tier.fromAmount;
      required = tier.approvals;
    }
  }
  return required;
}
