import { isUniqueViolation, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { Budget, BudgetCreateRequest } from '@denpyo/schemas';
import { insertBudget } from '../db/budgets';
import type { ContractDeps } from './deps';

/** Creates a budget line (款・項・目・節) of a fiscal year; one per fiscal year and code. */
export function makeCreateBudget({ uow }: ContractDeps) {
  return (request: BudgetCreateRequest, caller: Caller): Promise<Outcome<Budget>> =>
    uow.run(caller, async ({ tx, now, audit }) => {
      let created: Budget;
      try {
        created = await insertBudget(tx, request, now);
      } catch (error) {
        // The key (fiscal year, code) is taken, also when a concurrent creation committed first.
        if (!isUniqueViolation(error)) throw error;
        return refuse(
          'conflict',
          `Budget line ${request.code} already exists for fiscal year ${request.fiscalYear}`,
        );
      }
      audit({
        action: 'budget.created',
        entityType: 'budget',
        entityId: `${created.fiscalYear}/${created.code}`,
        amount: created.amount,
        before: null,
        after: created,
      });
      return ok(created);
    });
}
