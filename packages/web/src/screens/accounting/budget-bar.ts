// A budget line as parts of its 予算現額 (currentAmount = amount + 流用 in − out): spent,
// encumbered but not yet paid, and still available (available = currentAmount − encumbered;
// spent ⊆ encumbered). Pure, unit-tested.
import type { Budget } from '@denpyo/schemas';

type Figures = Pick<Budget, 'amount' | 'currentAmount' | 'encumbered' | 'spent' | 'available'>;

export interface BudgetParts {
  spent: number;
  encumberedUnpaid: number;
  available: number;
  /** Share of the current amount encumbered, 0–1 (past 1 only if the data is inconsistent). */
  encumberedShare: number;
}

export function budgetParts(budget: Figures): BudgetParts {
  const spent = Math.min(budget.spent, budget.encumbered);
  return {
    spent,
    encumberedUnpaid: Math.max(0, budget.encumbered - spent),
    available: Math.max(0, budget.available),
    encumberedShare: budget.currentAmount > 0 ? budget.encumbered / budget.currentAmount : 0,
  };
}

/** The sums of several budget lines (the year's total under the list). */
export function budgetTotals(budgets: readonly Figures[]) {
  return budgets.reduce(
    (sum, b) => ({
      amount: sum.amount + b.amount,
      currentAmount: sum.currentAmount + b.currentAmount,
      encumbered: sum.encumbered + b.encumbered,
      spent: sum.spent + b.spent,
      available: sum.available + b.available,
    }),
    { amount: 0, currentAmount: 0, encumbered: 0, spent: 0, available: 0 },
  );
}

/** The net of a line's transfers (流用): positive when it received more than it gave. */
export function transferNet(budget: Pick<Budget, 'transfersIn' | 'transfersOut'>): number {
  return budget.transfersIn - budget.transfersOut;
}

/**
 * The lines a transfer may go to from `from` (流用 between 節 of the same 款・項・目 only,
 * 地方自治法 Art. 220(2)): same first three groups of the code, another 節.
 */
export function transferTargets<B extends Pick<Budget, 'code'>>(
  from: string,
  lines: readonly B[],
): B[] {
  const moku = from.slice(0, 8);
  return lines.filter((line) => line.code !== from && line.code.slice(0, 8) === moku);
}
