import { makeSearchAudit, makeVerifyAudit, prismaExecutor } from '@denpyo/platform';
import { makeApproveTransferBatch } from './approve-transfer-batch';
import { makeCancelTransferBatch } from './cancel-transfer-batch';
import { makeChangeVendorAccount } from './change-vendor-account';
import { makeCloseFiscalYear, makeListFiscalYears } from './close-fiscal-year';
import { makeConfirmPayment } from './confirm-payment';
import { makeCreateTransferBatch } from './create-transfer-batch';
import type { PaymentDeps } from './deps';
import { makeGetTransferBatch } from './get-transfer-batch';
import { makeListPayments } from './list-payments';
import { makeListRemittances } from './list-remittances';
import { makeListTransferBatches } from './list-transfer-batches';
import { makeRecordContract } from './record-contract';
import { makeRecordVendor } from './record-vendor';
import { makeRedateTransferBatch } from './redate-transfer-batch';
import {
  makeRenderBatchRemittanceNotice,
  makeRenderRemittanceNotice,
} from './render-remittance-notice';
import { makeRetryPayment } from './retry-payment';
import { makeSendRemittanceMails } from './send-remittance-mails';
import { makeSchedulePayment } from './schedule-payment';
import { makeSettleParkedOrders } from './settle-parked-orders';
import { makeSettleTransferBatch } from './settle-transfer-batch';
import { makeVerifyRemittanceNotice } from './verify-remittance-notice';
import {
  makeGetWithholdingLedgerSummary,
  makeListWithholdingAnnual,
  makeListWithholdingLedger,
} from './withholding-ledger';
import { makeRenderTransferSummary } from './render-transfer-summary';
import { makeWriteZenginFile } from './write-zengin-file';

export { CONSUMER_GROUP, type PaymentDeps } from './deps';

/** The payment service's use cases: what its routes and its consumer call, and nothing else. */
export function createPaymentApplication(deps: PaymentDeps) {
  return {
    listPayments: makeListPayments(deps),
    confirmPayment: makeConfirmPayment(deps),
    retryPayment: makeRetryPayment(deps),
    createTransferBatch: makeCreateTransferBatch(deps),
    getTransferBatch: makeGetTransferBatch(deps),
    listTransferBatches: makeListTransferBatches(deps),
    approveTransferBatch: makeApproveTransferBatch(deps),
    cancelTransferBatch: makeCancelTransferBatch(deps),
    redateTransferBatch: makeRedateTransferBatch(deps),
    writeZenginFile: makeWriteZenginFile(deps),
    renderTransferSummary: makeRenderTransferSummary(deps),
    settleTransferBatch: makeSettleTransferBatch(deps),
    renderRemittanceNotice: makeRenderRemittanceNotice(deps),
    renderBatchRemittanceNotice: makeRenderBatchRemittanceNotice(deps),
    verifyRemittanceNotice: makeVerifyRemittanceNotice(deps),
    sendRemittanceMails: makeSendRemittanceMails(deps),
    listRemittances: makeListRemittances(deps),
    listFiscalYears: makeListFiscalYears(deps),
    closeFiscalYear: makeCloseFiscalYear(deps),
    listWithholdingLedger: makeListWithholdingLedger(deps),
    getWithholdingLedgerSummary: makeGetWithholdingLedgerSummary(deps),
    listWithholdingAnnual: makeListWithholdingAnnual(deps),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    verifyAudit: makeVerifyAudit(prismaExecutor(deps.db), 'payment'),
    schedulePayment: makeSchedulePayment(deps),
    recordVendor: makeRecordVendor(deps),
    recordContract: makeRecordContract(deps),
    settleParkedOrders: makeSettleParkedOrders(deps),
    changeVendorAccount: makeChangeVendorAccount(deps),
  };
}
export type PaymentApplication = ReturnType<typeof createPaymentApplication>;
