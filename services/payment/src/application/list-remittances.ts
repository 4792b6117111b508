import { ok, refuse, type Caller, type ListPage, type Outcome } from '@denpyo/platform';
import type { Remittance, RemittanceListQuery } from '@denpyo/schemas';
import { listVendorPayments } from '../db/payments';
import type { PaymentDeps } from './deps';

/** 振込情報開示: a vendor sees its own payments and nothing else; one page. */
export function makeListRemittances({ db }: PaymentDeps) {
  return async (
    query: RemittanceListQuery,
    { user }: Caller,
  ): Promise<Outcome<ListPage<Remittance>>> => {
    if (!user.vendorId) return refuse('forbidden', 'This vendor login is not bound to a vendor');
    const { items, total } = await listVendorPayments(db, user.vendorId, query);
    return ok({
      items: items.map((payment) => ({
        paymentId: payment.id,
        invoiceId: payment.invoiceId,
        invoiceNumber: payment.invoiceNumber,
        kind: payment.kind,
        amount: payment.amount,
        withholdingTax: payment.withholdingTax,
        netAmount: payment.netAmount,
        dueDate: payment.dueDate,
        status: payment.status,
        ...(payment.transferDate ? { transferDate: payment.transferDate } : {}),
      })),
      total,
    });
  };
}
