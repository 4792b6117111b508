import { eventConsumer, type ConsumerDefinition } from '@denpyo/platform';
import { TOPICS } from '@denpyo/schemas';
import { CONSUMER_GROUP, type InvoiceApplication } from '../application';

/**
 * What this service learns from the contract service (vendors, approved, amended and closed
 * contracts) and from the payment service (which payment pays an invoice, its confirmation,
 * closed fiscal years).
 */
export function invoiceConsumer(app: InvoiceApplication): ConsumerDefinition {
  return eventConsumer(CONSUMER_GROUP, [TOPICS.contract, TOPICS.payment], {
    VendorRegistered: (event) => app.recordVendor(event),
    VendorBankAccountChanged: (event) => app.recordVendorBankAccount(event),
    ContractApproved: (event) => app.recordApprovedContract(event),
    ContractAmended: (event) => app.recordContractAmendment(event),
    ContractClosed: (event) => app.recordContractClosure(event),
    PaymentScheduled: (event) => app.recordInvoicePayment(event),
    PaymentConfirmed: (event) => app.recordPaymentConfirmation(event),
    FiscalYearClosed: (event) => app.recordClosedFiscalYear(event),
  });
}
