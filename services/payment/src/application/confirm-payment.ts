import { notFound, ok, refuse, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { Payment } from '@denpyo/schemas';
import { closedYearsOf } from '../db/fiscal-years';
import { findPayment, markConfirmed } from '../db/payments';
import { decideConfirmation } from '../domain/payment';
import type { PaymentDeps } from './deps';

/**
 * The treasurer examines a payment order and confirms it (地方自治法 Art. 232-4): from then on it
 * can be batched. The payment is locked first, so two treasurers confirming at once confirm once.
 */
export function makeConfirmPayment({ uow }: PaymentDeps) {
  return (id: string, caller: Caller): Promise<Outcome<Payment>> =>
    uow.run(caller, async ({ tx, lock, now, actor, audit, publish }) => {
      await lock('payments', [id]);
      const before = await findPayment(tx, id);
      if (!before) return notFound('Payment', id);
      const closed = await closedYearsOf(tx, [before.fiscalYear]);
      const decision = decideConfirmation(before, actor, closed);
      if (!decision.ok) return decision;
      const signature = signatureOf(caller.user);
      if ((await markConfirmed(tx, id, signature, now)) !== 1) {
        return refuse('conflict', 'The payment changed while it was confirmed; retry');
      }
      const after = (await findPayment(tx, id))!;
      audit({
        action: 'payment.confirmed',
        entityType: 'payment',
        entityId: id,
        amount: after.amount,
        counterparty: after.vendorId,
        before: { status: before.status },
        after: { status: after.status, confirmedBy: actor, confirmedBySignature: signature },
      });
      publish('PaymentConfirmed', id, {
        paymentId: id,
        invoiceId: after.invoiceId,
        contractId: after.contractId,
        confirmedBy: actor,
        confirmedBySignature: signature,
        confirmedAt: now.toISOString(),
      });
      return ok(after);
    });
}
