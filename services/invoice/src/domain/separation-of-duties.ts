import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';

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

export function decidePaymentOrderer(
  approver: string,
  invoice: { createdBy: string; inspectedBy: string | null },
): Outcome<string> {
  if (mayIssuePaymentOrder(approver, invoice)) return ok(approver);
  return refuse(
    'forbidden',
    'Whoever received or inspected an invoice may not issue its payment order',
  );
}
