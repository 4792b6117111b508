import { ok, refuse, type Outcome } from '@denpyo/platform/outcome';
import { RANK_LABELS } from './labels';
import { rankAtLeast, type Rank } from '@denpyo/schemas';

/** Who signs: the username and the rank their token carries (none for a non-approver). */
export interface Signer {
  username: string;
  rank?: Rank;
}

/** A document on a route (a contract or an amendment), as the sign-off rule sees it. */
export interface RouteState {
  /** The ranks that must sign, in order. */
  route: readonly Rank[];
  /** Usernames of those who already signed, in step order. */
  signedBy: readonly string[];
  /** Who may never sign it: its creator, its submitter or requester (地方自治法 Art. 170). */
  excluded: readonly string[];
}

export interface SignOff {
  /** 1-based position of this sign-off on the route. */
  step: number;
  /** The rank the step needs. */
  required: Rank;
  /** True when this sign-off completes the route. */
  completesRoute: boolean;
}

/**
 * One sign-off on a route (専決規程): the signer's rank must be at least the next rank still
 * needed (a higher rank may sign for a lower one, never the reverse); nobody signs twice, and
 * the document's own people never sign. The caller checks the document's status first.
 */
export function decideSignOff(document: RouteState, signer: Signer): Outcome<SignOff> {
  if (document.excluded.includes(signer.username)) {
    return refuse('forbidden', 'Whoever drafted, submitted or requested it cannot approve it');
  }
  if (!signer.rank) {
    return refuse(
      'forbidden',
      'Your user has no approver rank (職位); an administrator must give it one before you can approve',
    );
  }
  if (document.signedBy.includes(signer.username)) {
    return refuse('conflict', 'You have already approved this; the next step needs someone else');
  }
  const step = document.signedBy.length + 1;
  const required = document.route[step - 1];
  if (required === undefined) {
    return refuse('conflict', 'Every step of the route is already signed');
  }
  if (!rankAtLeast(signer.rank, required)) {
    return refuse(
      'forbidden',
      `Step ${step} needs a ${RANK_LABELS[required]} (${required}) or above; your rank is ${RANK_LABELS[signer.rank]} (${signer.rank})`,
    );
  }
  return ok({ step, required, completesRoute: step === document.route.length });
}
