import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type PaymentApplication } from '../application';

/**
 * Vendors and their approved bank-account changes from the contract service, payment orders from
 * the invoice service.
 */
export function paymentConsumer(app: PaymentApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.contract, TOPICS.invoice], {
    VendorRegistered: (event) => app.recordVendor(event),
    VendorBankAccountChanged: (event) => app.changeVendorAccount(event),
    PaymentOrdered: (event) => app.schedulePayment(event),
  });
}
