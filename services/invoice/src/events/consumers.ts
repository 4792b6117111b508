import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type InvoiceApplication } from '../application';

/** What this service learns from the contract service: vendors and approved contracts. */
export function invoiceConsumer(app: InvoiceApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.contract], {
    VendorRegistered: (event) => app.recordVendor(event),
    ContractApproved: (event) => app.recordApprovedContract(event),
  });
}
