import {
  eventConsumer,
  prismaExecutor,
  recordInbox,
  type ConsumerDefinition,
  recordChange,
} from '@denpyo/platform';
import { TOPICS, type DomainEvent } from '@denpyo/schemas';
import { addSpent } from '../db/budgets';
import { addInvoicedAmount, addPaidAmount, type ProjectionUpdate } from '../db/contracts';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export const CONSUMER_GROUP = 'contract-service';

type Effect = (tx: Prisma.TransactionClient) => Promise<void>;

/**
 * Applies an event's effect at most once per consumer group: the inbox mark and the effect
 * commit together, so a redelivery is skipped and a failed attempt leaves no trace.
 */
export async function applyOnce(
  prisma: PrismaClient,
  event: DomainEvent,
  effect: Effect,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const firstDelivery = await recordInbox(
      prismaExecutor(tx),
      CONSUMER_GROUP,
      event.id,
      event.type,
    );
    if (firstDelivery) await effect(tx);
  });
}

/**
 * The contract's view of invoices and payments: invoiced and paid amounts per contract, and
 * what has been spent per budget line: one subscription to both topics.
 */
export function contractConsumer(prisma: PrismaClient): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.invoice, TOPICS.payment], {
    InvoiceReceived: (event) =>
      applyOnce(prisma, event, async (tx) => {
        const { contractId, total } = event.payload;
        const after = await addInvoicedAmount(tx, contractId, total, new Date(event.occurredAt));
        await auditProjection(tx, event, 'contract.invoiced', contractId, total, after);
      }),
    InvoiceRejected: (event) =>
      applyOnce(prisma, event, async (tx) => {
        const { contractId, total } = event.payload;
        const after = await addInvoicedAmount(tx, contractId, -total, new Date(event.occurredAt));
        await auditProjection(tx, event, 'contract.invoiceReleased', contractId, total, after);
      }),
    PaymentExecuted: (event) =>
      applyOnce(prisma, event, async (tx) => {
        const { contractId, amount } = event.payload;
        const after = await addPaidAmount(tx, contractId, amount, new Date(event.occurredAt));
        await addSpent(tx, after.budget, amount);
        await auditProjection(tx, event, 'contract.paid', contractId, amount, after);
      }),
  });
}

function auditProjection(
  tx: Prisma.TransactionClient,
  event: DomainEvent,
  action: string,
  contractId: string,
  amount: number,
  after: ProjectionUpdate,
): Promise<void> {
  return recordChange(tx, {
    audit: {
      actor: event.actor,
      action,
      entityType: 'contract',
      entityId: contractId,
      amount,
      counterparty: after.vendorId,
      after: {
        invoicedAmount: after.invoicedAmount,
        paidAmount: after.paidAmount,
        causedBy: event.id,
      },
      correlationId: event.correlationId,
    },
  });
}
