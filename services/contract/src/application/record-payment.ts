import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { addSpent } from '../db/budgets';
import { addPaidAmount } from '../db/contracts';
import { CONSUMER_GROUP, type ContractDeps } from './deps';
import { projectionAudit } from './projection-audit';

/**
 * Adds an executed payment to what is paid on its contract and spent on the budget line of the
 * fiscal year that bears it (a multi-year contract's later year; absent, the contract's own
 * year). Late payment interest (支払遅延防止法 Art. 8) is paid on top of the contract, from
 * another line: it counts toward neither.
 */
export function makeRecordPayment({ uow }: ContractDeps) {
  return (event: EventOf<'PaymentExecuted'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now, audit }) => {
      const { contractId, amount, kind, fiscalYear } = event.payload;
      if (kind === 'late-interest') return ok(undefined);
      const after = await addPaidAmount(tx, contractId, amount, now);
      await addSpent(
        tx,
        { ...after.budget, fiscalYear: fiscalYear ?? after.budget.fiscalYear },
        amount,
      );
      audit(projectionAudit(event, 'contract.paid', contractId, amount, after));
      return ok(undefined);
    });
}
