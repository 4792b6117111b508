// The approval route as API.md v1 states it: below ¥1,000,000 one approval, from ¥1,000,000 two
// approvals by different approvers. (The contract's own requiredApprovals is the truth once it
// exists; this is the preview while drafting.)
export const TWO_APPROVALS_FROM = 1_000_000;

export function requiredApprovals(amount: number): number {
  return amount >= TWO_APPROVALS_FROM ? 2 : 1;
}
