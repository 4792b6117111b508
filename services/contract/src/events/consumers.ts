import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type ContractApplication } from '../application';

/**
 * The contract's view of invoices and payments: invoiced and paid amounts per contract, and
 * what has been spent per budget line: one subscription to both topics.
 */
export function contractConsumer(app: ContractApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.invoice, TOPICS.payment], {
    InvoiceReceived: async (event) => {
      await app.recordInvoicedAmount(event);
    },
    InvoiceRejected: async (event) => {
      await app.releaseInvoicedAmount(event);
    },
    PaymentExecuted: async (event) => {
      await app.recordPayment(event);
    },
  });
}
