import { ok, type OperationHandlers } from '@denpyo/platform';
import type { OperationsOf } from '@denpyo/schemas';
import type { PaymentApplication } from '../application';

/** Each payment operation (declared in @denpyo/schemas) handed to its use case. */
export function paymentRoutes(app: PaymentApplication): OperationHandlers<OperationsOf<'payment'>> {
  return {
    listPayments: ({ query }) => app.listPayments(query),
    createTransferBatch: ({ body, caller }) => app.createTransferBatch(body, caller),
    listTransferBatches: ({ query }) => app.listTransferBatches(query),
    getTransferBatch: ({ params }) => app.getTransferBatch(params.id),
    approveTransferBatch: ({ params, caller }) => app.approveTransferBatch(params.id, caller),
    getZenginFile: ({ params, caller }) => app.writeZenginFile(params.id, caller),
    settleTransferBatch: ({ params, caller }) => app.settleTransferBatch(params.id, caller),
    getRemittanceNotice: async ({ params, caller }) => {
      const pdf = await app.renderRemittanceNotice(params.id, caller);
      return pdf.ok ? ok({ content: pdf.value }) : pdf;
    },
    listRemittances: ({ query, caller }) => app.listRemittances(query, caller),
    searchPaymentAudit: ({ query }) => app.searchAudit(query),
  };
}
