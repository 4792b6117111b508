import { makeSearchAudit, prismaExecutor } from '@denpyo/platform';
import { makeApproveTransferBatch } from './approve-transfer-batch';
import { makeCreateTransferBatch } from './create-transfer-batch';
import type { PaymentDeps } from './deps';
import { makeGetTransferBatch } from './get-transfer-batch';
import { makeListPayments } from './list-payments';
import { makeListRemittances } from './list-remittances';
import { makeListTransferBatches } from './list-transfer-batches';
import { makeRecordVendor } from './record-vendor';
import { makeRenderRemittanceNotice } from './render-remittance-notice';
import { makeSchedulePayment } from './schedule-payment';
import { makeSettleTransferBatch } from './settle-transfer-batch';
import { makeWriteZenginFile } from './write-zengin-file';

export { CONSUMER_GROUP, type PaymentDeps } from './deps';

/** The payment service's use cases: what its routes and its consumer call, and nothing else. */
export function createPaymentApplication(deps: PaymentDeps) {
  return {
    listPayments: makeListPayments(deps),
    createTransferBatch: makeCreateTransferBatch(deps),
    getTransferBatch: makeGetTransferBatch(deps),
    listTransferBatches: makeListTransferBatches(deps),
    approveTransferBatch: makeApproveTransferBatch(deps),
    writeZenginFile: makeWriteZenginFile(deps),
    settleTransferBatch: makeSettleTransferBatch(deps),
    renderRemittanceNotice: makeRenderRemittanceNotice(deps),
    listRemittances: makeListRemittances(deps),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    schedulePayment: makeSchedulePayment(deps),
    recordVendor: makeRecordVendor(deps),
  };
}
export type PaymentApplication = ReturnType<typeof createPaymentApplication>;
