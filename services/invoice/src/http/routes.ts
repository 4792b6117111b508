import { ok, type OperationHandlers } from '@denpyo/platform';
import type { OperationsOf } from '@denpyo/schemas';
import type { InvoiceApplication } from '../application';

/** Each invoice operation (declared in @denpyo/schemas) handed to its use case. */
export function invoiceRoutes(app: InvoiceApplication): OperationHandlers<OperationsOf<'invoice'>> {
  return {
    receiveInvoice: ({ body, caller }) => app.receiveInvoice(body, caller),
    receiveEInvoice: ({ body, caller }) => app.receiveEInvoice(body, caller),
    previewEInvoice: ({ body, caller }) => app.previewEInvoice(body, caller),
    getInvoiceOriginal: ({ params, caller }) => app.getInvoiceOriginal(params.id, caller),
    getInvoiceCreditNoteOriginal: ({ params, caller }) =>
      app.getCreditNoteOriginal(params.id, params.creditId, caller),
    listInvoices: ({ query, caller }) => app.listInvoices(query, caller),
    getInvoice: ({ params, caller }) => app.getInvoice(params.id, caller),
    getInvoiceHistory: ({ params, query, caller }) =>
      app.getInvoiceHistory(params.id, query, caller),
    inspectInvoice: ({ params, caller }) => app.inspectInvoice(params.id, caller),
    orderPayment: ({ params, caller }) => app.orderPayment(params.id, caller),
    rejectInvoice: ({ params, body, caller }) => app.rejectInvoice(params.id, body, caller),
    getPaymentOrderVoucher: async ({ params }) => {
      const pdf = await app.renderPaymentOrderVoucher(params.id);
      return pdf.ok ? ok({ content: pdf.value }) : pdf;
    },
    verifyPaymentOrderVoucher: ({ params, query }) =>
      app.verifyPaymentOrderVoucher(params.id, query.hash),
    searchInvoiceAudit: ({ query }) => app.searchAudit(query),
    verifyInvoiceAudit: ({ query }) => app.verifyAudit(query.kept),
  };
}
