import { notFound, ok, type Outcome } from '@denpyo/platform';
import type { Budget } from '@denpyo/schemas';
import { findBudget, type BudgetKey } from '../db/budgets';
import type { ContractDeps } from './deps';

/** A budget line with what is encumbered, spent and still available. */
export function makeGetBudget({ db }: ContractDeps) {
  return async (key: BudgetKey): Promise<Outcome<Budget>> => {
    const budget = await findBudget(db, key);
    return budget ? ok(budget) : notFound('Budget line', `${key.fiscalYear}/${key.code}`);
  };
}
