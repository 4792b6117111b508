import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';
import type { InvoiceStatus } from '@denpyo/schemas';

/** What a user can do to an invoice after it is received. */
export type InvoiceAction = 'inspect' | 'approve' | 'reject';

// 検収 comes before the payment order; a rejection is possible until the order is issued.
const TRANSITIONS: Record<InvoiceAction, { from: readonly InvoiceStatus[]; to: InvoiceStatus }> = {
  inspect: { from: ['received'], to: 'inspected' },
  approve: { from: ['inspected'], to: 'approved' },
  reject: { from: ['received', 'inspected'], to: 'rejected' },
};

/** The statuses an action may start from. */
export function statusesAllowing(action: InvoiceAction): readonly InvoiceStatus[] {
  return TRANSITIONS[action].from;
}

/** The status an action leads to: what the router writes. */
export function statusAfter(action: InvoiceAction): InvoiceStatus {
  return TRANSITIONS[action].to;
}

export function canApply(action: InvoiceAction, status: InvoiceStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** An action on an invoice in `status`: the status it leads to, or why not (409). */
export function decideTransition(
  action: InvoiceAction,
  status: InvoiceStatus,
): Outcome<InvoiceStatus> {
  if (canApply(action, status)) return ok(statusAfter(action));
  return refuse(
    'conflict',
    `The invoice is ${status}; ${action} needs it to be ${statusesAllowing(action).join(' or ')}`,
  );
}
