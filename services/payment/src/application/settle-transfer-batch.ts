import { randomUUID } from 'node:crypto';
import { notFound, ok, signatureOf, type Caller, type Outcome } from '@denpyo/platform';
import type { TransferBatch, TransferBatchSettleRequest } from '@denpyo/schemas';
import { closedYearsOf } from '../db/fiscal-years';
import { insertScheduledPayment, markFailed, markPaid, paymentsOfBatch } from '../db/payments';
import { findBatch, markSettled, reloadBatch } from '../db/transfer-batches';
import { lateInterestOrder } from '../domain/payment';
import { decideOpenYears, decideSettlement } from '../domain/transfer-batch';
import { BATCH_TIMEOUT_MS, type PaymentDeps } from './deps';

/**
 * Records what the bank did with an approved batch, from its transfer date on: the payments it
 * could not transfer become failed with its reason (PaymentFailed), the others paid
 * (PaymentExecuted). A paid payment that went out after its due date gets its late-payment
 * interest as a new scheduled payment (支払遅延防止法 Art. 8), at most once per payment (a unique
 * key), in the same transaction. The batch and then its payments are locked first, so settling
 * twice at once settles once.
 */
export function makeSettleTransferBatch({ uow, today, lateInterestRates }: PaymentDeps) {
  return (
    id: string,
    { failures = [] }: TransferBatchSettleRequest,
    caller: Caller,
  ): Promise<Outcome<TransferBatch>> =>
    uow.run(
      caller,
      async ({ tx, lock, now, audit, publish }) => {
        await lock('transfer_batches', [id]);
        const before = await findBatch(tx, id);
        if (!before) return notFound('Transfer batch', id);
        const decision = decideSettlement({ batch: before, today: today(), failures });
        if (!decision.ok) return decision;
        await lock('payments', before.paymentIds);
        const members = await paymentsOfBatch(tx, id);
        const closed = await closedYearsOf(
          tx,
          members.map((payment) => payment.fiscalYear),
        );
        const open = decideOpenYears(
          members.map((payment) => payment.fiscalYear),
          closed,
        );
        if (!open.ok) return open;

        const { transferDate } = before;
        const reasonOf = new Map(failures.map((failure) => [failure.paymentId, failure.reason]));
        await markSettled(tx, id, signatureOf(caller.user), now);
        await markPaid(tx, id, transferDate, [...reasonOf.keys()]);
        for (const [paymentId, reason] of reasonOf)
          await markFailed(tx, id, paymentId, reason, now);

        for (const payment of members) {
          const reason = reasonOf.get(payment.id);
          const common = {
            paymentId: payment.id,
            invoiceId: payment.invoiceId,
            contractId: payment.contractId,
            vendorId: payment.vendorId,
            amount: payment.amount,
            transferDate,
            batchId: id,
          };
          if (reason !== undefined) {
            audit({
              action: 'payment.failed',
              entityType: 'payment',
              entityId: payment.id,
              amount: payment.amount,
              counterparty: payment.vendorId,
              before: { status: 'batched' },
              after: { status: 'failed', reason, transferDate },
            });
            publish('PaymentFailed', payment.id, { ...common, reason });
            continue;
          }
          audit({
            action: 'payment.paid',
            entityType: 'payment',
            entityId: payment.id,
            amount: payment.amount,
            counterparty: payment.vendorId,
            before: { status: 'batched' },
            after: { status: 'paid', transferDate },
          });
          publish('PaymentExecuted', payment.id, {
            ...common,
            kind: payment.kind,
            withholdingTax: payment.withholdingTax,
            netAmount: payment.netAmount,
            // The contract service books `spent` on this year's budget line.
            fiscalYear: payment.fiscalYear,
          });
          const interest = lateInterestOrder(payment, transferDate, lateInterestRates);
          if (!interest) continue;
          const interestId = randomUUID();
          const inserted = await insertScheduledPayment(tx, {
            id: interestId,
            invoiceId: payment.invoiceId,
            contractId: payment.contractId,
            vendorId: payment.vendorId,
            invoiceNumber: payment.invoiceNumber,
            kind: 'late-interest',
            amount: interest.amount,
            withholdingTax: 0,
            netAmount: interest.amount,
            dueDate: interest.dueDate,
            fiscalYear: interest.fiscalYear,
            ...(payment.contractConcludedOn
              ? { contractConcludedOn: payment.contractConcludedOn }
              : {}),
            // The interest follows from the same payment order: its orderer orders it too, so
            // a treasurer (never the orderer) examines it like any order.
            orderedBy: payment.orderedBy,
            ...(payment.orderedBySignature
              ? { orderedBySignature: payment.orderedBySignature }
              : {}),
            originPaymentId: payment.id,
            lateInterest: interest.basis,
            createdAt: now,
          });
          if (!inserted) continue;
          const scheduled = {
            paymentId: interestId,
            invoiceId: payment.invoiceId,
            contractId: payment.contractId,
            vendorId: payment.vendorId,
            amount: interest.amount,
            dueDate: interest.dueDate,
            kind: 'late-interest' as const,
            withholdingTax: 0,
            netAmount: interest.amount,
          };
          audit({
            action: 'payment.late-interest-scheduled',
            entityType: 'payment',
            entityId: interestId,
            amount: interest.amount,
            counterparty: payment.vendorId,
            before: null,
            after: { ...scheduled, status: 'scheduled', lateInterest: interest.basis },
          });
          publish('PaymentScheduled', interestId, scheduled);
        }
        const after = await reloadBatch(tx, id);
        audit({
          action: 'transfer-batch.settled',
          entityType: 'transfer_batch',
          entityId: id,
          amount: after.total,
          before,
          after,
        });
        return ok(after);
      },
      { timeoutMs: BATCH_TIMEOUT_MS },
    );
}
