import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type PaymentApplication } from '../application';

/**
 * Vendors and their approved bank-account changes from the contract service, and its contracts
 * (approved, amended, closed), which payment orders from the invoice service must agree with.
 */
export function paymentConsumer(app: PaymentApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.contract, TOPICS.invoice], {
    VendorRegistered: (event) => app.recordVendor(event),
    VendorBankAccountChanged: (event) => app.changeVendorAccount(event),
    ContractApproved: (event) => app.recordContract(event),
    ContractAmended: (event) => app.recordContract(event),
    ContractClosed: (event) => app.recordContract(event),
    PaymentOrdered: (event) => app.schedulePayment(event),
  });
}
