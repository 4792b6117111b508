import { randomUUID } from 'node:crypto';
import { fiscalYearOf } from '@denpyo/jp';
import { ok, refuse, type Outcome, type Work } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { closedYearsOf } from '../db/fiscal-years';
import {
  decideParkedOrder,
  findParkedOrder,
  findKnownContract,
  lockContract,
  orderedSoFar,
  parkOrder,
  type ParkedOrder,
} from '../db/known-contracts';
import { insertScheduledPayment } from '../db/payments';
import type { Tx } from '../db/prisma';
import { judgePaymentOrder, type OrderVerdict } from '../domain/order-consistency';
import { CONSUMER_GROUP, SERVICE_ACTOR, type PaymentDeps } from './deps';

export type ScheduleResult = 'scheduled' | 'invoice-already-scheduled' | 'parked';

type PaymentOrderedEvent = EventOf<'PaymentOrdered'>;

/**
 * A payment order (支出命令) becomes a scheduled payment, once: the inbox record, the payment,
 * its audit entry and PaymentScheduled commit together, so a redelivery (undefined) or a retry
 * after a crash (which left nothing behind) cannot pay an invoice twice. The unique (invoice,
 * kind) also stops a second order for the same invoice that arrives under another event id;
 * that order is still marked handled. An order without fiscalYear (before v2) belongs to its due
 * date's year.
 *
 * The order is paid only if it agrees with the contract as this service has seen it on the
 * contract topic (domain/order-consistency.ts). One that can never agree — another vendor than
 * the contract's, above a closed contract, of a closed fiscal year — is refused: recorded in the
 * audit trail (payment.order-refused) and in parked_payment_orders, and sent by the consumer to
 * the dead-letter topic with the reason. One that may agree later — its ContractApproved or the
 * amendment it needs has not arrived yet, the topics being read independently — is parked: the
 * contract's events decide it (recordContract…), or it is refused after PAYMENT_ORDER_WAIT_SECONDS
 * (settleParkedOrders). Parking, not retrying in the consumer: a retry would hold up the very
 * consumer that has to read the contract event it waits for.
 */
export function makeSchedulePayment({ uow }: PaymentDeps) {
  return async (event: PaymentOrderedEvent): Promise<Outcome<ScheduleResult> | undefined> => {
    const outcome = await uow.runOnce(
      { event, consumer: CONSUMER_GROUP, actor: SERVICE_ACTOR },
      async (unit): Promise<Outcome<ScheduleResult | { refused: string }>> => {
        await lockContract(unit.tx, event.payload.contractId);
        const verdict = await judgeOrder(unit.tx, event);
        if (verdict.verdict === 'refuse') {
          auditOrder(unit, 'payment.order-refused', event, verdict.reason);
          await parkOrder(unit.tx, event, verdict.reason, unit.now, 'refused');
          return ok({ refused: verdict.reason });
        }
        if (verdict.verdict === 'wait') {
          auditOrder(unit, 'payment.order-parked', event, verdict.reason);
          await parkOrder(unit.tx, event, verdict.reason, unit.now, 'waiting');
          return ok('parked');
        }
        return ok(await scheduleOrder(unit, event));
      },
    );
    // Refused: committed above (audit, inbox), now to the dead letters with the reason. A
    // redelivery (the dead-letter publish failed) finds the refusal and sends it again.
    const refusal = outcome
      ? outcome.ok && typeof outcome.value === 'object'
        ? outcome.value.refused
        : undefined
      : await refusalOf(uow, event.id);
    if (refusal !== undefined) return refuse('unprocessable', refusal);
    return outcome as Outcome<ScheduleResult> | undefined;
  };
}

async function refusalOf(uow: PaymentDeps['uow'], eventId: string): Promise<string | undefined> {
  const found = await uow.runAs(SERVICE_ACTOR, async ({ tx }) =>
    ok(await findParkedOrder(tx, eventId)),
  );
  return found.ok && found.value?.status === 'refused' ? found.value.reason : undefined;
}

const orderYear = (event: PaymentOrderedEvent) =>
  event.payload.fiscalYear ?? fiscalYearOf(event.payload.dueDate);

/**
 * Judges an order against the contract and its fiscal year. The caller holds the contract's lock
 * (lockContract), so orders of one contract and its events are judged one at a time.
 */
async function judgeOrder(tx: Tx, event: PaymentOrderedEvent): Promise<OrderVerdict> {
  const order = event.payload;
  const fiscalYear = orderYear(event);
  if ((await closedYearsOf(tx, [fiscalYear])).has(fiscalYear)) {
    return { verdict: 'refuse', reason: `fiscal year ${fiscalYear} is closed` };
  }
  const contract = await findKnownContract(tx, order.contractId);
  const sofar = await orderedSoFar(tx, order.contractId, order.invoiceId, fiscalYear);
  return judgePaymentOrder(
    {
      contractId: order.contractId,
      vendorId: order.vendorId,
      amount: order.amount,
      fiscalYear,
    },
    contract,
    sofar,
  );
}

function auditOrder(
  unit: Work<Tx>,
  action: 'payment.order-refused' | 'payment.order-parked',
  event: PaymentOrderedEvent,
  reason: string,
): void {
  const order = event.payload;
  unit.audit({
    action,
    entityType: 'invoice',
    entityId: order.invoiceId,
    amount: order.amount,
    counterparty: order.vendorId,
    before: null,
    after: { reason, orderEventId: event.id, order },
  });
}

/** The payment of an order that agrees with its contract. */
async function scheduleOrder(
  { tx, now, audit, publish }: Work<Tx>,
  event: PaymentOrderedEvent,
): Promise<'scheduled' | 'invoice-already-scheduled'> {
  const order = event.payload;
  const fiscalYear = orderYear(event);
  const paymentId = randomUUID();
  const withholdingTax = order.withholdingTax ?? 0;
  const netAmount = order.netAmount ?? order.amount - withholdingTax;
  const inserted = await insertScheduledPayment(tx, {
    id: paymentId,
    invoiceId: order.invoiceId,
    contractId: order.contractId,
    vendorId: order.vendorId,
    invoiceNumber: order.invoiceNumber,
    ...(order.invoiceDate ? { invoiceDate: order.invoiceDate } : {}),
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
  if (!inserted) return 'invoice-already-scheduled';
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
  return 'scheduled';
}

/**
 * A parked order that agrees with its contract by now: its payment is scheduled, and the parked
 * row records what really happened — `already-scheduled` when its invoice had its payment from
 * another order (nothing scheduled, nothing paid twice). An order refused earlier only because
 * its wait ended keeps that refusal (and its dead letter: true at the time); its scheduling now is
 * audited with the refusal it overrides (payment.order-revisited).
 */
async function scheduleParkedOrder(unit: Work<Tx>, parked: ParkedOrder): Promise<void> {
  const order = parked.envelope.payload;
  const status =
    (await scheduleOrder(unit, parked.envelope)) === 'scheduled'
      ? 'scheduled'
      : 'already-scheduled';
  const reason =
    status === 'scheduled'
      ? 'agrees with the contract'
      : `invoice ${order.invoiceId} already had its payment scheduled: nothing scheduled`;
  await decideParkedOrder(unit.tx, parked.eventId, status, reason, unit.now);
  if (parked.status !== 'refused') return;
  unit.audit({
    action: 'payment.order-revisited',
    entityType: 'invoice',
    entityId: order.invoiceId,
    amount: order.amount,
    counterparty: order.vendorId,
    before: {
      status: 'refused',
      reason: parked.reason,
      refusedAt: parked.decidedAt?.toISOString() ?? null,
    },
    after: { status, reason, orderEventId: parked.eventId },
  });
}

/**
 * Parked orders judged again (oldest first, their contracts' locks held): after an event of their
 * contract, those waiting and those refused only because their wait ended (after an outage the
 * contract event may come later than PAYMENT_ORDER_WAIT_SECONDS); when the wait ends
 * (`waitEndedAfterSeconds`, settleParkedOrders), those waiting that long. Scheduled when they
 * agree now; refused for good when they never can (a waiting one's dead letter follows from
 * settleParkedOrders; one refused before has had its dead letter). One that may still agree later
 * is left as it is, or, when its wait has ended, refused until a later event of its contract
 * judges it again (recordContract).
 */
export async function decideParkedOrders(
  unit: Work<Tx>,
  orders: readonly ParkedOrder[],
  waitEndedAfterSeconds?: number,
): Promise<void> {
  for (const parked of orders) {
    const verdict = await judgeOrder(unit.tx, parked.envelope);
    if (verdict.verdict === 'accept') {
      await scheduleParkedOrder(unit, parked);
      continue;
    }
    const waitEnded = verdict.verdict === 'wait';
    if (waitEnded && waitEndedAfterSeconds === undefined) continue;
    const reason = waitEnded
      ? `${verdict.reason}, still after waiting ${waitEndedAfterSeconds} s`
      : verdict.reason;
    auditOrder(unit, 'payment.order-refused', parked.envelope, reason);
    await decideParkedOrder(unit.tx, parked.eventId, 'refused', reason, unit.now, waitEnded);
  }
}
