import { randomUUID } from 'node:crypto';
import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { insertScheduledPayment } from '../db/payments';
import { CONSUMER_GROUP, SERVICE_ACTOR, type PaymentDeps } from './deps';

export type ScheduleResult = 'scheduled' | 'invoice-already-scheduled';

/**
 * A payment order (支出命令) becomes a scheduled payment, once: the inbox record, the payment,
 * its audit entry and PaymentScheduled commit together, so a redelivery (undefined) or a retry
 * after a crash (which left nothing behind) cannot pay an invoice twice. The unique invoice id
 * also stops a second order for the same invoice that arrives under another event id; that
 * order is still marked handled.
 */
export function makeSchedulePayment({ uow }: PaymentDeps) {
  return (event: EventOf<'PaymentOrdered'>): Promise<Outcome<ScheduleResult> | undefined> =>
    uow.runOnce(
      { event, consumer: CONSUMER_GROUP, actor: SERVICE_ACTOR },
      async ({ tx, now, audit, publish }) => {
        const order = event.payload;
        const paymentId = randomUUID();
        if (!(await insertScheduledPayment(tx, paymentId, order, now))) {
          return ok('invoice-already-scheduled');
        }
        const scheduled = {
          paymentId,
          invoiceId: order.invoiceId,
          contractId: order.contractId,
          vendorId: order.vendorId,
          amount: order.amount,
          dueDate: order.dueDate,
        };
        audit({
          action: 'payment.scheduled',
          entityType: 'payment',
          entityId: paymentId,
          amount: order.amount,
          counterparty: order.vendorId,
          before: null,
          after: { ...scheduled, invoiceNumber: order.invoiceNumber, status: 'scheduled' },
        });
        publish('PaymentScheduled', paymentId, scheduled);
        return ok('scheduled');
      },
    );
}
