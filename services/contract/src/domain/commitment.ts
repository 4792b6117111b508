import type { Commitment, Schedule } from '@denpyo/schemas';
import { yearHasBegun } from './fiscal-year';

/** What changes on one fiscal year's budget line: positive encumbers, negative releases. */
export interface BudgetMove {
  fiscalYear: number;
  delta: number;
}

export interface CommitmentPlan {
  commitments: Commitment[];
  moves: BudgetMove[];
}

/**
 * A contract's commitment per fiscal year after a change (approval, amendment, completion,
 * cancellation), and what that moves on each year's budget line.
 *
 * - `commit` (approval, amendment): every year that is active — the contract's own fiscal year,
 *   and any later year that has begun — encumbers its whole amount now; the moves that grow must
 *   fit the budget, or the change is refused.
 * - `release` (completion, cancellation): nothing grows; a year's encumbrance shrinks to its new
 *   amount. What a begun year still lacks is applied when its line can take it.
 *
 * A later year that has not begun encumbers nothing yet (債務負担行為: it becomes that year's
 * expenditure when that year's budget opens).
 */
export function planCommitments(
  current: readonly Commitment[],
  target: Schedule,
  { firstYear, today, mode }: { firstYear: number; today: string; mode: 'commit' | 'release' },
): CommitmentPlan {
  const years = [...new Set([...current, ...target].map((entry) => entry.fiscalYear))].sort(
    (a, b) => a - b,
  );
  const commitments: Commitment[] = [];
  const moves: BudgetMove[] = [];
  for (const fiscalYear of years) {
    const before = current.find((entry) => entry.fiscalYear === fiscalYear);
    const amount = target.find((entry) => entry.fiscalYear === fiscalYear)?.amount ?? 0;
    const encumberedBefore = before?.encumbered ?? 0;
    const active = fiscalYear === firstYear || yearHasBegun(fiscalYear, today);
    const encumbered =
      mode === 'commit' ? (active ? amount : 0) : Math.min(encumberedBefore, amount);
    commitments.push({ fiscalYear, amount, encumbered });
    if (encumbered !== encumberedBefore) {
      moves.push({ fiscalYear, delta: encumbered - encumberedBefore });
    }
  }
  return { commitments, moves };
}

/**
 * What a completed contract keeps per fiscal year: what has been invoiced, counted against the
 * earliest years first (the unused rest is released).
 */
export function keepInvoiced(commitments: readonly Commitment[], invoiced: number): Schedule {
  let left = invoiced;
  return [...commitments]
    .sort((a, b) => a.fiscalYear - b.fiscalYear)
    .map(({ fiscalYear, amount }) => {
      const kept = Math.min(amount, left);
      left -= kept;
      return { fiscalYear, amount: kept };
    });
}

/** The years of a commitment, as a schedule (what each year commits). */
export function scheduleOf(commitments: readonly Commitment[]): Schedule {
  return commitments.map(({ fiscalYear, amount }) => ({ fiscalYear, amount }));
}
