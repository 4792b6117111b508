import { renderRemittanceNotice } from '@denpyo/pdf';
import { notFound, ok, refuseIfOtherVendors, type Caller, type Outcome } from '@denpyo/platform';
import { findPayment } from '../db/payments';
import { findBatch, findItem } from '../db/transfer-batches';
import { findVendor } from '../db/vendors';
import { remittanceNotice } from '../domain/documents';
import { decideRemittanceNotice } from '../domain/transfer-batch';
import type { PaymentDeps } from './deps';

/** 振込通知書 of one payment, as a PDF: for staff of the treasury, and for the vendor it pays. */
export function makeRenderRemittanceNotice({ db, cityName, today }: PaymentDeps) {
  return async (id: string, caller: Caller): Promise<Outcome<Buffer>> => {
    const payment = await findPayment(db, id);
    if (!payment) return notFound('Payment', id);
    const otherVendors = refuseIfOtherVendors(caller.user, payment.vendorId);
    if (otherVendors) return otherVendors;
    const batch = payment.batchId ? await findBatch(db, payment.batchId) : undefined;
    const decision = decideRemittanceNotice(payment, batch);
    if (!decision.ok) return decision;
    const [vendor, item] = await Promise.all([
      findVendor(db, payment.vendorId),
      batch ? findItem(db, batch.id, payment.id) : undefined,
    ]);
    if (!batch || !vendor || !item) return notFound('The payee of this payment');
    return ok(
      await renderRemittanceNotice(
        remittanceNotice({
          city: cityName,
          date: today(),
          transferDate: batch.transferDate,
          item: {
            paymentId: payment.id,
            invoiceNumber: payment.invoiceNumber,
            kind: payment.kind,
            amount: payment.amount,
            withholdingTax: payment.withholdingTax,
            netAmount: payment.netAmount,
          },
          payee: {
            name: vendor.name,
            registrationNumber: vendor.registrationNumber,
            bankAccount: item.payeeAccount,
          },
        }),
      ),
    );
  };
}
