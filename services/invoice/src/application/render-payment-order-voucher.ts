import { notFound, ok, refuse, type Outcome } from '@denpyo/platform';
import { printedDocument, renderPaymentOrderVoucher, type PaymentOrderVoucher } from '@denpyo/pdf';
import type { DocumentVerification } from '@denpyo/schemas';
import { findInvoice } from '../db/invoices';
import { findContract, findVendor } from '../db/projections';
import { paymentOrderVoucher } from '../domain/payment-order-voucher';
import type { InvoiceDeps } from './deps';

/** The data the 支出命令書 of an approved invoice is printed from, as the record stands now. */
function makeLoadPaymentOrderVoucher({ db, cityName, cityBankCode }: InvoiceDeps) {
  return async (id: string): Promise<Outcome<PaymentOrderVoucher>> => {
    const invoice = await findInvoice(db, id);
    if (!invoice) return notFound('Invoice', id);
    if (invoice.status !== 'approved') {
      return refuse(
        'conflict',
        `The invoice is ${invoice.status}: no payment order has been issued yet`,
      );
    }
    const [contract, vendor] = await Promise.all([
      findContract(db, invoice.contractId),
      findVendor(db, invoice.vendorId),
    ]);
    if (!contract) throw new Error(`Contract ${invoice.contractId} of invoice ${id} is missing`);
    return ok(paymentOrderVoucher(cityName, invoice, contract, vendor, cityBankCode));
  };
}

/** The 支出命令書 as printed and as verified (its QR code opens that page). */
const paymentOrderDocument = ({ publicUrl }: Pick<InvoiceDeps, 'publicUrl'>) =>
  printedDocument<PaymentOrderVoucher>({
    kind: 'payment-order',
    publicUrl,
    render: renderPaymentOrderVoucher,
    heading: ({ documentNumber, contract, date, total, vendor }) => ({
      documentNumber,
      title: contract.title,
      issuedOn: date,
      amount: total,
      counterparty: vendor.name,
    }),
  });

/** 支出命令書: the payment order voucher of an approved invoice, as a PDF. */
export function makeRenderPaymentOrderVoucher(deps: InvoiceDeps) {
  const load = makeLoadPaymentOrderVoucher(deps);
  const document = paymentOrderDocument(deps);
  return async (id: string): Promise<Outcome<Buffer>> => {
    const voucher = await load(id);
    return voucher.ok ? ok(await document.print(id, voucher.value)) : voucher;
  };
}

/** Whether a printed 支出命令書 (its hash, `claimed`) matches the record as it stands. */
export function makeVerifyPaymentOrderVoucher(deps: InvoiceDeps) {
  const load = makeLoadPaymentOrderVoucher(deps);
  const document = paymentOrderDocument(deps);
  return async (id: string, claimed?: string): Promise<Outcome<DocumentVerification>> => {
    const voucher = await load(id);
    return voucher.ok ? ok(document.verify(voucher.value, claimed)) : voucher;
  };
}
