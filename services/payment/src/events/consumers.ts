import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type PaymentApplication } from '../application';

/** Vendors' bank accounts from the contract service, payment orders from the invoice service. */
export function paymentConsumer(app: PaymentApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.contract, TOPICS.invoice], {
    VendorRegistered: (event) => app.recordVendor(event),
    PaymentOrdered: (event) => app.schedulePayment(event),
  });
}
