import type { Budget, BudgetAtCommitment, Commitment } from '@denpyo/schemas';

/**
 * The figures the 支出負担行為決議書 prints for a commitment, from the budget line as it stands
 * right after the commitment encumbered it: 予算現額, 既負担額 (what the line carried before this
 * contract) and 今回負担額 (what this contract encumbered in its own fiscal year).
 */
export function budgetAtCommitment(
  line: Pick<Budget, 'fiscalYear' | 'currentAmount' | 'encumbered'>,
  commitments: readonly Commitment[],
): BudgetAtCommitment {
  const thisCommitment =
    commitments.find((commitment) => commitment.fiscalYear === line.fiscalYear)?.encumbered ?? 0;
  return {
    currentAmount: line.currentAmount,
    committedBefore: line.encumbered - thisCommitment,
    thisCommitment,
  };
}
