import { ok, refuse, type Outcome, type Work } from '@denpyo/platform';
import type { Commitment, Contract } from '@denpyo/schemas';
import { encumber, release } from '../db/budgets';
import { addEncumbered, lockPendingCommitments, saveCommitments } from '../db/contracts';
import type { Tx } from '../db/prisma';
import type { CommitmentPlan } from '../domain/commitment';

/**
 * Carries out a commitment plan on the budget lines of the contract's code: releases first,
 * then each growth as one conditional UPDATE (so concurrent commitments never overdraw a line).
 * A growth that does not fit refuses the whole change (the unit of work rolls it back).
 */
export async function carryOutPlan(
  { tx }: Work<Tx>,
  contract: Pick<Contract, 'id' | 'budgetCode'>,
  plan: CommitmentPlan,
): Promise<Outcome<Commitment[]>> {
  const moves = [...plan.moves].sort((a, b) => a.delta - b.delta);
  for (const { fiscalYear, delta } of moves) {
    const line = { fiscalYear, code: contract.budgetCode };
    if (delta < 0) {
      await release(tx, line, -delta);
    } else if (!(await encumber(tx, line, delta))) {
      return refuse(
        'unprocessable',
        `The amount exceeds the budget's available amount: ¥${delta} more does not fit budget line ${contract.budgetCode} of fiscal year ${fiscalYear}`,
        [
          {
            path: 'amount',
            message: `exceeds the available amount of budget line ${contract.budgetCode} (fiscal year ${fiscalYear})`,
          },
        ],
      );
    }
  }
  await saveCommitments(tx, contract.id, plan.commitments);
  return ok(plan.commitments);
}

/**
 * Encumbers what is due of multi-year commitments (債務負担行為) whose later year has begun by
 * today, where the year's line can take it (a missing or short line leaves it due, and it is
 * tried again next time). Idempotent: only the part not yet encumbered is applied. Audited per
 * commitment.
 */
export async function encumberBegunYears(
  unit: Work<Tx>,
  today: string,
  filter: { fiscalYear?: number; budgetCode?: string; contractId?: string } = {},
): Promise<number> {
  const due = await lockPendingCommitments(unit.tx, { ...filter, today });
  let applied = 0;
  for (const commitment of due) {
    const line = { fiscalYear: commitment.fiscalYear, code: commitment.budgetCode };
    if (!(await encumber(unit.tx, line, commitment.pending))) continue;
    await addEncumbered(unit.tx, commitment.contractId, commitment.fiscalYear, commitment.pending);
    unit.audit({
      action: 'contract.yearEncumbered',
      entityType: 'contract',
      entityId: commitment.contractId,
      amount: commitment.pending,
      after: { fiscalYear: commitment.fiscalYear, budgetCode: commitment.budgetCode },
    });
    applied += 1;
  }
  return applied;
}
