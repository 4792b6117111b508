import { randomUUID } from 'node:crypto';
import {
  buildEvent,
  eventConsumer,
  prismaExecutor,
  recordChange,
  recordInbox,
  type ConsumerDefinition,
} from '@denpyo/platform';
import { TOPICS, type EventOf } from '@denpyo/schemas';
import type { PrismaClient } from '../generated/prisma/client';
import { insertScheduledPayment } from '../db/payments';
import { upsertVendor } from '../db/vendors';

export const CONSUMER_GROUP = 'payment-service';
/** Who the audit trail and events name for what the service does on its own. */
export const SERVICE_ACTOR = 'payment-service';

export type ScheduleOutcome = 'scheduled' | 'redelivered' | 'invoice-already-scheduled';

/** Keeps the vendor's bank account, which transfer batches and Zengin files need. */
export async function projectVendor(
  prisma: PrismaClient,
  event: EventOf<'VendorRegistered'>,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (!(await recordInbox(prismaExecutor(tx), CONSUMER_GROUP, event.id, event.type))) return;
    await upsertVendor(tx, event.payload, new Date(event.occurredAt));
  });
}

/**
 * A payment order (支出命令) becomes a scheduled payment, once: the inbox record, the payment,
 * its audit entry and PaymentScheduled commit together, so a redelivery (or a retry after a
 * crash, which left nothing behind) cannot pay an invoice twice. The unique invoice id also
 * stops a second order for the same invoice that arrives under another event id.
 */
export async function schedulePayment(
  prisma: PrismaClient,
  event: EventOf<'PaymentOrdered'>,
): Promise<ScheduleOutcome> {
  return prisma.$transaction(async (tx): Promise<ScheduleOutcome> => {
    if (!(await recordInbox(prismaExecutor(tx), CONSUMER_GROUP, event.id, event.type)))
      return 'redelivered';
    const order = event.payload;
    const paymentId = randomUUID();
    if (!(await insertScheduledPayment(tx, paymentId, order, new Date()))) {
      return 'invoice-already-scheduled';
    }
    const scheduled = {
      paymentId,
      invoiceId: order.invoiceId,
      contractId: order.contractId,
      vendorId: order.vendorId,
      amount: order.amount,
      dueDate: order.dueDate,
    };
    await recordChange(tx, {
      audit: {
        actor: SERVICE_ACTOR,
        action: 'payment.scheduled',
        entityType: 'payment',
        entityId: paymentId,
        amount: order.amount,
        counterparty: order.vendorId,
        before: null,
        after: { ...scheduled, invoiceNumber: order.invoiceNumber, status: 'scheduled' },
        correlationId: event.correlationId,
      },
      events: [
        buildEvent('PaymentScheduled', paymentId, scheduled, {
          actor: SERVICE_ACTOR,
          correlationId: event.correlationId,
          causationId: event.id,
        }),
      ],
    });
    return 'scheduled';
  });
}

export function paymentConsumers(
  prisma: PrismaClient,
  onPublished: () => void,
): ConsumerDefinition[] {
  return [
    eventConsumer(CONSUMER_GROUP, [TOPICS.contract, TOPICS.invoice], {
      VendorRegistered: (event) => projectVendor(prisma, event),
      PaymentOrdered: async (event) => {
        if ((await schedulePayment(prisma, event)) === 'scheduled') onPublished();
      },
    }),
  ];
}
