import { notFound, ok, refuse, type Outcome } from '@denpyo/platform';
import { renderPaymentOrderVoucher } from '@denpyo/pdf';
import { findInvoice } from '../db/invoices';
import { findContract, findVendor } from '../db/projections';
import { paymentOrderVoucher } from '../domain/payment-order-voucher';
import type { InvoiceDeps } from './deps';

/** 支出命令書: the payment order voucher of an approved invoice, as a PDF. */
export function makeRenderPaymentOrderVoucher({ db, cityName }: InvoiceDeps) {
  return async (id: string): Promise<Outcome<Buffer>> => {
    const invoice = await findInvoice(db, id);
    if (!invoice) return notFound('Invoice', id);
    if (invoice.status !== 'approved') {
      return refuse(
        'conflict',
        `The invoice is ${invoice.status}: no payment order has been issued yet`,
      );
    }
    const contract = await findContract(db, invoice.contractId);
    if (!contract) throw new Error(`Contract ${invoice.contractId} of invoice ${id} is missing`);
    const vendor = await findVendor(db, invoice.vendorId);
    return ok(
      await renderPaymentOrderVoucher(paymentOrderVoucher(cityName, invoice, contract, vendor)),
    );
  };
}
