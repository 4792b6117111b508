import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';
import type { AmendmentStatus, Rank, Schedule } from '@denpyo/schemas';
import { refuseIfClosed, refuseIfYearOver } from './fiscal-year';
import { decideSignOff, type Signer, type SignOff } from './route';

/** What the decision rules read of an amendment on its route. */
export interface AmendmentState {
  status: AmendmentStatus;
  requestedBy: string;
  /** The route fixed when it was requested. */
  route: readonly Rank[];
  /** Usernames of those who already signed, in step order. */
  signedBy: readonly string[];
}

/**
 * Who may decide an amendment (approve a step, or reject it): whoever may sign its next step
 * (decideSignOff: that step's rank or above, nobody twice). The contract's creator and
 * submitter and the amendment's requester never decide it (separation of duties, 地方自治法
 * Art. 170). Only a submitted amendment is decided.
 */
export function decideAmendmentDecision(
  amendment: AmendmentState,
  contract: { createdBy: string; submittedBy?: string },
  signer: Signer,
): Outcome<SignOff> {
  const excluded = [
    contract.createdBy,
    ...(contract.submittedBy ? [contract.submittedBy] : []),
    amendment.requestedBy,
  ];
  if (excluded.includes(signer.username)) {
    return refuse(
      'forbidden',
      "The contract's creator or submitter, or the amendment's requester, cannot decide it",
    );
  }
  if (amendment.status !== 'submitted') {
    return refuse('conflict', `This amendment is already ${amendment.status}`);
  }
  return decideSignOff({ route: amendment.route, signedBy: amendment.signedBy, excluded }, signer);
}

/**
 * The years whose amount an amendment changes: none may be closed (出納閉鎖, 地方自治法 Art.
 * 235-5), and none that is over may grow (会計年度独立, Art. 208: an increase is a new
 * commitment); a decrease in a year that is over but not closed releases what it no longer needs.
 */
export function refuseIfChangesClosedYear(
  closed: readonly number[],
  today: string,
  current: Schedule,
  target: Schedule,
): Outcome<void> {
  for (const { fiscalYear, amount } of target) {
    const before = current.find((entry) => entry.fiscalYear === fiscalYear)?.amount ?? 0;
    if (before === amount) continue;
    const open = refuseIfClosed(closed, fiscalYear, 'amount');
    if (!open.ok) return open;
    if (amount > before) {
      const notOver = refuseIfYearOver(fiscalYear, today, 'amount');
      if (!notOver.ok) return notOver;
    }
  }
  return ok(undefined);
}
