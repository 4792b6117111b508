import { isUniqueViolation, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { Budget, BudgetCreateRequest } from '@denpyo/schemas';
import { findBudget, insertBudget } from '../db/budgets';
import { encumberBegunYears } from './commitments';
import type { ContractDeps } from './deps';

/**
 * Creates a budget line (款・項・目・節) of a fiscal year; one per fiscal year and code. A line of
 * a year that has begun takes at once what multi-year contracts commit to it in that year.
 */
export function makeCreateBudget({ uow, today }: ContractDeps) {
  return (request: BudgetCreateRequest, caller: Caller): Promise<Outcome<Budget>> =>
    uow.run(caller, async (unit) => {
      const { tx, now, audit } = unit;
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
      const line = { fiscalYear: created.fiscalYear, budgetCodes: [created.code] };
      if ((await encumberBegunYears(unit, today(), line)) === 0) return ok(created);
      return ok((await findBudget(tx, created)) ?? created);
    });
}
