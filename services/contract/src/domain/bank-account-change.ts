import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';
import type { BankAccountChangeStatus } from '@denpyo/schemas';

/** One pending change per vendor: a second request waits until the first is decided. */
export function decideChangeRequest(pending: boolean): Outcome<void> {
  if (pending) {
    return refuse(
      'conflict',
      "This vendor's bank account already has a change waiting for approval",
    );
  }
  return ok(undefined);
}

/**
 * Four eyes on a vendor's bank account (where payment fraud happens): whoever requested a
 * change never decides it.
 */
export function decideChangeDecision(
  change: { status: BankAccountChangeStatus; requestedBy: string },
  decider: string,
): Outcome<void> {
  if (decider === change.requestedBy) {
    return refuse('forbidden', 'Whoever requested a bank account change cannot decide it');
  }
  if (change.status !== 'requested') {
    return refuse('conflict', `This bank account change is already ${change.status}`);
  }
  return ok(undefined);
}
