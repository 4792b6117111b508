import { ok, type ListPage, type Outcome } from '@denpyo/platform';
import type { Budget, BudgetListQuery } from '@denpyo/schemas';
import { listBudgets } from '../db/budgets';
import type { ContractDeps } from './deps';

/** Budget lines with what is encumbered, spent and still available; one page. */
export function makeListBudgets({ db }: ContractDeps) {
  return async (query: BudgetListQuery): Promise<Outcome<ListPage<Budget>>> =>
    ok(await listBudgets(db, query));
}
