import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type ContractApplication } from '../application';

/**
 * The contract's view of invoices and payments: invoiced (less credit notes) and paid amounts per
 * contract, what has been spent per budget line, and the fiscal years closed (出納閉鎖): one
 * subscription to both topics.
 */
export function contractConsumer(app: ContractApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.invoice, TOPICS.payment], {
    InvoiceReceived: (event) => app.recordInvoicedAmount(event),
    InvoiceRejected: (event) => app.releaseInvoicedAmount(event),
    InvoiceCredited: (event) => app.releaseCreditedAmount(event),
    PaymentExecuted: (event) => app.recordPayment(event),
    FiscalYearClosed: (event) => app.recordClosedFiscalYear(event),
  });
}
