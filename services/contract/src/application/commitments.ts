import { ok, refuse, type Outcome, type Work } from '@denpyo/platform';
import type { Commitment, Contract } from '@denpyo/schemas';
import { encumber, release } from '../db/budgets';
import {
  addEncumbered,
  findPendingCommitments,
  saveCommitments,
  type PendingFilter,
} from '../db/contracts';
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
  filter: Omit<PendingFilter, 'today' | 'contractIds'> = {},
): Promise<number> {
  const contractIds = await lockContractsWithBegunYears(unit, today, filter);
  return applyBegunYears(unit, today, { ...filter, contractIds });
}

/**
 * Locks (in id order) the contracts that have a begun year still due. Approval, amendment and
 * closing lock a contract and then write its commitments absolutely: applying a year without
 * its contract's lock would be overwritten (a leak) or counted twice. Every use case locks
 * contracts before budget lines, so none waits for the other in reverse.
 */
export async function lockContractsWithBegunYears(
  unit: Work<Tx>,
  today: string,
  filter: Omit<PendingFilter, 'today' | 'contractIds'>,
): Promise<string[]> {
  const candidates = await findPendingCommitments(unit.tx, { ...filter, today });
  const contractIds = [...new Set(candidates.map((commitment) => commitment.contractId))];
  await unit.lock('contracts', contractIds);
  return contractIds;
}

/** Applies what is due of the contracts locked by lockContractsWithBegunYears, read again now. */
export async function applyBegunYears(
  unit: Work<Tx>,
  today: string,
  filter: Omit<PendingFilter, 'today' | 'contractIds'> & { contractIds: readonly string[] },
): Promise<number> {
  if (filter.contractIds.length === 0) return 0;
  const due = await findPendingCommitments(unit.tx, { ...filter, today });
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
