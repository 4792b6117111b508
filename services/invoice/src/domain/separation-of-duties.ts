/**
 * The person who received or inspected an invoice never issues its payment order (DESIGN.md:
 * who creates something never approves it). Matters for users holding several roles.
 */
export function mayIssuePaymentOrder(
  approver: string,
  invoice: { createdBy: string; inspectedBy: string | null },
): boolean {
  return approver !== invoice.createdBy && approver !== invoice.inspectedBy;
}
