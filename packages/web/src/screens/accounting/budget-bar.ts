// A budget line as parts of its amount: spent, encumbered but not yet paid, and still available
// (API.md: available = amount − encumbered; spent ⊆ encumbered). Pure, unit-tested.
import type { Budget } from '@denpyo/schemas';

export interface BudgetParts {
  spent: number;
  encumberedUnpaid: number;
  available: number;
  /** Share of the amount encumbered, 0–1 (can pass 1 only if the data is inconsistent). */
  encumberedShare: number;
}

export function budgetParts(
  budget: Pick<Budget, 'amount' | 'encumbered' | 'spent' | 'available'>,
): BudgetParts {
  const spent = Math.min(budget.spent, budget.encumbered);
  return {
    spent,
    encumberedUnpaid: Math.max(0, budget.encumbered - spent),
    available: Math.max(0, budget.available),
    encumberedShare: budget.amount > 0 ? budget.encumbered / budget.amount : 0,
  };
}

/** The sums of several budget lines (the year's total under the list). */
export function budgetTotals(
  budgets: readonly Pick<Budget, 'amount' | 'encumbered' | 'spent' | 'available'>[],
) {
  return budgets.reduce(
    (sum, b) => ({
      amount: sum.amount + b.amount,
      encumbered: sum.encumbered + b.encumbered,
      spent: sum.spent + b.spent,
      available: sum.available + b.available,
    }),
    { amount: 0, encumbered: 0, spent: 0, available: 0 },
  );
}
