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

/**
 * The one who registered an invoice may not inspect it (issue 7 point 7): the inspection is the
 * second pair of eyes on the claim. 403, as every four-eyes refusal.
 */
export function decideInspector(
  inspector: string,
  invoice: { createdBy: string },
): Outcome<string> {
  if (inspector !== invoice.createdBy) return ok(inspector);
  return refuse('forbidden', 'Whoever registered an invoice may not inspect it');
}
