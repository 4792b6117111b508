import { ok, type Outcome } from '@denpyo/platform';
import type { EventOf } from '@denpyo/schemas';
import { recordConfirmation, recordInvoicePayment } from '../db/invoices';
import { projectClosedFiscalYear } from '../db/projections';
import { CONSUMER_GROUP, type InvoiceDeps } from './deps';

/**
 * Which payment pays an invoice: only the invoice's own (kind invoice), so the confirmation of a
 * late-interest payment on the same invoice is not taken for the order's.
 */
export function makeRecordInvoicePayment({ uow }: InvoiceDeps) {
  return (event: EventOf<'PaymentScheduled'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      const { paymentId, invoiceId, kind = 'invoice' } = event.payload;
      if (kind === 'invoice') await recordInvoicePayment(tx, invoiceId, paymentId);
      return ok(undefined);
    });
}

/**
 * The 会計管理者's confirmation of the payment order (地方自治法 Art. 232-4), for the 支出命令書.
 * Its PaymentScheduled came first (one payment's events are ordered), so the payment is known.
 * Without a signature in the event only the username is known: no name is made up from it.
 */
export function makeRecordPaymentConfirmation({ uow }: InvoiceDeps) {
  return (event: EventOf<'PaymentConfirmed'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      const { paymentId, confirmedBy, confirmedBySignature, confirmedAt } = event.payload;
      await recordConfirmation(tx, paymentId, {
        by: confirmedBy,
        ...(confirmedBySignature ? { signature: confirmedBySignature } : {}),
        at: new Date(confirmedAt),
      });
      return ok(undefined);
    });
}

/** 出納閉鎖: no payment order in that fiscal year any more. */
export function makeRecordClosedFiscalYear({ uow }: InvoiceDeps) {
  return (event: EventOf<'FiscalYearClosed'>): Promise<Outcome<void> | undefined> =>
    uow.runOnce({ event, consumer: CONSUMER_GROUP }, async ({ tx }) => {
      await projectClosedFiscalYear(tx, event.payload);
      return ok(undefined);
    });
}
