import { ok, type OperationHandlers } from '@denpyo/platform';
import type { OperationsOf } from '@denpyo/schemas';
import type { PaymentApplication } from '../application';

/** Each payment operation (declared in @denpyo/schemas) handed to its use case. */
export function paymentRoutes(app: PaymentApplication): OperationHandlers<OperationsOf<'payment'>> {
  return {
    listPayments: ({ query }) => app.listPayments(query),
    confirmPayment: ({ params, caller }) => app.confirmPayment(params.id, caller),
    retryPayment: ({ params, body, caller }) => app.retryPayment(params.id, body, caller),
    createTransferBatch: ({ body, caller }) => app.createTransferBatch(body, caller),
    listTransferBatches: ({ query }) => app.listTransferBatches(query),
    getTransferBatch: ({ params }) => app.getTransferBatch(params.id),
    approveTransferBatch: ({ params, caller }) => app.approveTransferBatch(params.id, caller),
    cancelTransferBatch: ({ params, body, caller }) =>
      app.cancelTransferBatch(params.id, body, caller),
    redateTransferBatch: ({ params, body, caller }) =>
      app.redateTransferBatch(params.id, body, caller),
    getZenginFile: ({ params, caller }) => app.writeZenginFile(params.id, caller),
    getTransferSummary: async ({ params }) => {
      const pdf = await app.renderTransferSummary(params.id);
      return pdf.ok
        ? ok({ content: pdf.value, fileName: `transfer-summary-${params.id}.pdf` })
        : pdf;
    },
    settleTransferBatch: ({ params, body, caller }) =>
      app.settleTransferBatch(params.id, body, caller),
    getRemittanceNotice: async ({ params, caller }) => {
      const pdf = await app.renderRemittanceNotice(params.id, caller);
      return pdf.ok ? ok({ content: pdf.value }) : pdf;
    },
    verifyRemittanceNotice: ({ params, query, caller }) =>
      app.verifyRemittanceNotice(params.id, params.vendorId, caller, query.hash),
    getBatchRemittanceNotice: async ({ params, caller }) => {
      const pdf = await app.renderBatchRemittanceNotice(params.id, params.vendorId, caller);
      return pdf.ok ? ok({ content: pdf.value }) : pdf;
    },
    listRemittances: ({ query, caller }) => app.listRemittances(query, caller),
    listFiscalYears: ({ query }) => app.listFiscalYears(query),
    closeFiscalYear: ({ params, caller }) => app.closeFiscalYear(params.fiscalYear, caller),
    listWithholdingLedger: ({ query }) => app.listWithholdingLedger(query),
    getWithholdingLedgerSummary: ({ query }) => app.getWithholdingLedgerSummary(query),
    listWithholdingAnnual: ({ query }) => app.listWithholdingAnnual(query),
    searchPaymentAudit: ({ query }) => app.searchAudit(query),
    verifyPaymentAudit: ({ query }) => app.verifyAudit(query.kept),
  };
}
