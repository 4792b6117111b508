import { randomUUID } from 'node:crypto';
import { fiscalYearOf } from '@denpyo/jp';
import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { closedYearsOf } from '../db/fiscal-years';
import { insertScheduledPayment } from '../db/payments';
import { CONSUMER_GROUP, SERVICE_ACTOR, type PaymentDeps } from './deps';

export type ScheduleResult = 'scheduled' | 'invoice-already-scheduled' | 'fiscal-year-closed';

/**
 * A payment order (支出命令) becomes a scheduled payment, once: the inbox record, the payment,
 * its audit entry and PaymentScheduled commit together, so a redelivery (undefined) or a retry
 * after a crash (which left nothing behind) cannot pay an invoice twice. The unique (invoice,
 * kind) also stops a second order for the same invoice that arrives under another event id;
 * that order is still marked handled. An order of a closed fiscal year (which the invoice
 * service no longer issues) is not scheduled but kept in the audit trail as refused, so it is
 * never silently lost. An order without fiscalYear (before v2) belongs to its due date's year.
 */
export function makeSchedulePayment({ uow }: PaymentDeps) {
  return (event: EventOf<'PaymentOrdered'>): Promise<Outcome<ScheduleResult> | undefined> =>
    uow.runOnce(
      { event, consumer: CONSUMER_GROUP, actor: SERVICE_ACTOR },
      async ({ tx, now, audit, publish }) => {
        const order = event.payload;
        const fiscalYear = order.fiscalYear ?? fiscalYearOf(order.dueDate);
        if ((await closedYearsOf(tx, [fiscalYear])).has(fiscalYear)) {
          audit({
            action: 'payment.order-refused',
            entityType: 'invoice',
            entityId: order.invoiceId,
            amount: order.amount,
            counterparty: order.vendorId,
            before: null,
            after: { reason: `fiscal year ${fiscalYear} is closed`, order },
          });
          return ok('fiscal-year-closed');
        }
        const paymentId = randomUUID();
        const withholdingTax = order.withholdingTax ?? 0;
        const netAmount = order.netAmount ?? order.amount - withholdingTax;
        const inserted = await insertScheduledPayment(tx, {
          id: paymentId,
          invoiceId: order.invoiceId,
          contractId: order.contractId,
          vendorId: order.vendorId,
          invoiceNumber: order.invoiceNumber,
          kind: 'invoice',
          amount: order.amount,
          withholdingTax,
          netAmount,
          dueDate: order.dueDate,
          fiscalYear,
          ...(order.contractConcludedOn ? { contractConcludedOn: order.contractConcludedOn } : {}),
          orderedBy: order.orderedBy,
          ...(order.orderedBySignature ? { orderedBySignature: order.orderedBySignature } : {}),
          createdAt: now,
        });
        if (!inserted) return ok('invoice-already-scheduled');
        const scheduled = {
          paymentId,
          invoiceId: order.invoiceId,
          contractId: order.contractId,
          vendorId: order.vendorId,
          amount: order.amount,
          dueDate: order.dueDate,
          kind: 'invoice' as const,
          withholdingTax,
          netAmount,
        };
        audit({
          action: 'payment.scheduled',
          entityType: 'payment',
          entityId: paymentId,
          amount: order.amount,
          counterparty: order.vendorId,
          before: null,
          after: {
            ...scheduled,
            invoiceNumber: order.invoiceNumber,
            fiscalYear,
            orderedBy: order.orderedBy,
            status: 'scheduled',
          },
        });
        publish('PaymentScheduled', paymentId, scheduled);
        return ok('scheduled');
      },
    );
}
