import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { addSpent } from '../db/budgets';
import { addPaidAmount } from '../db/contracts';
import { CONSUMER_GROUP, type ContractDeps } from './deps';
import { projectionAudit } from './projection-audit';

/** Adds an executed payment to what is paid on its contract and spent on its budget line. */
export function makeRecordPayment({ uow }: ContractDeps) {
  return (event: EventOf<'PaymentExecuted'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx, now, audit }) => {
      const { contractId, amount } = event.payload;
      const after = await addPaidAmount(tx, contractId, amount, now);
      await addSpent(tx, after.budget, amount);
      audit(projectionAudit(event, 'contract.paid', contractId, amount, after));
      return ok(undefined);
    });
}
