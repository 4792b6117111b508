import { notFound, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { Payment, PaymentRetryRequest } from '@denpyo/schemas';
import { failedAccount, findPayment, markRetried } from '../db/payments';
import { decideRetry } from '../domain/payment';
import type { PaymentDeps } from './deps';

/** A failed transfer (振込不能) returns to the confirmed list, to go into a new batch. */
export function makeRetryPayment({ uow }: PaymentDeps) {
  return (
    id: string,
    { sameAccount = false, note }: PaymentRetryRequest,
    caller: Caller,
  ): Promise<Outcome<Payment>> =>
    uow.run(caller, async ({ tx, lock, audit }) => {
      await lock('payments', [id]);
      const before = await findPayment(tx, id);
      if (!before) return notFound('Payment', id);
      const refused = before.batchId ? await failedAccount(tx, id, before.batchId) : undefined;
      const decision = decideRetry(before, refused, before.payeeAccount, sameAccount);
      if (!decision.ok) return decision;
      if ((await markRetried(tx, id)) !== 1) {
        return refuse('conflict', 'The payment changed while it was retried; retry');
      }
      const after = (await findPayment(tx, id))!;
      audit({
        action: 'payment.retried',
        entityType: 'payment',
        entityId: id,
        amount: after.amount,
        counterparty: after.vendorId,
        before: { status: before.status, batchId: before.batchId, reason: before.failureReason },
        after: {
          status: after.status,
          payeeAccount: after.payeeAccount,
          sameAccount,
          ...(note ? { note } : {}),
        },
      });
      return ok(after);
    });
}
