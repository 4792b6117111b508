import { makeSearchAudit, makeVerifyAudit, prismaExecutor } from '@denpyo/platform';
import type { InvoiceDeps } from './deps';
import { makeGetInvoice } from './get-invoice';
import { makeGetInvoiceHistory } from './get-invoice-history';
import { makeGetCreditNoteOriginal, makeGetInvoiceOriginal } from './get-invoice-original';
import { makeInspectInvoice } from './inspect-invoice';
import { makeListInvoices } from './list-invoices';
import { makeOrderPayment } from './order-payment';
import { makePreviewEInvoice, makeReceiveEInvoice } from './receive-e-invoice';
import { makeReceiveInvoice } from './receive-invoice';
import { makeRecordApprovedContract } from './record-approved-contract';
import { makeRecordContractAmendment, makeRecordContractClosure } from './record-contract-change';
import {
  makeRecordClosedFiscalYear,
  makeRecordInvoicePayment,
  makeRecordPaymentConfirmation,
} from './record-payment-events';
import { makeRecordVendor, makeRecordVendorBankAccount } from './record-vendor';
import { makeRejectInvoice } from './reject-invoice';
import {
  makeRenderPaymentOrderVoucher,
  makeVerifyPaymentOrderVoucher,
} from './render-payment-order-voucher';

export { CONSUMER_GROUP, type InvoiceDeps } from './deps';

/** The invoice service's use cases: what its routes and its consumer call, and nothing else. */
export function createInvoiceApplication(deps: InvoiceDeps) {
  return {
    receiveInvoice: makeReceiveInvoice(deps),
    receiveEInvoice: makeReceiveEInvoice(deps),
    previewEInvoice: makePreviewEInvoice(deps),
    getInvoiceOriginal: makeGetInvoiceOriginal(deps),
    getCreditNoteOriginal: makeGetCreditNoteOriginal(deps),
    inspectInvoice: makeInspectInvoice(deps),
    orderPayment: makeOrderPayment(deps),
    rejectInvoice: makeRejectInvoice(deps),
    getInvoice: makeGetInvoice(deps),
    listInvoices: makeListInvoices(deps),
    getInvoiceHistory: makeGetInvoiceHistory(deps),
    renderPaymentOrderVoucher: makeRenderPaymentOrderVoucher(deps),
    verifyPaymentOrderVoucher: makeVerifyPaymentOrderVoucher(deps),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    verifyAudit: makeVerifyAudit(prismaExecutor(deps.db), 'invoice'),
    recordVendor: makeRecordVendor(deps),
    recordVendorBankAccount: makeRecordVendorBankAccount(deps),
    recordApprovedContract: makeRecordApprovedContract(deps),
    recordContractAmendment: makeRecordContractAmendment(deps),
    recordContractClosure: makeRecordContractClosure(deps),
    recordInvoicePayment: makeRecordInvoicePayment(deps),
    recordPaymentConfirmation: makeRecordPaymentConfirmation(deps),
    recordClosedFiscalYear: makeRecordClosedFiscalYear(deps),
  };
}
export type InvoiceApplication = ReturnType<typeof createInvoiceApplication>;
