import { ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { Remittance } from '@denpyo/schemas';
import { listPayments } from '../db/payments';
import type { PaymentDeps } from './deps';

/** 振込情報開示: a vendor sees its own payments and nothing else. */
export function makeListRemittances({ db }: PaymentDeps) {
  return async ({ user }: Caller): Promise<Outcome<Remittance[]>> => {
    if (!user.vendorId) return refuse('forbidden', 'This vendor login is not bound to a vendor');
    const payments = await listPayments(db, { vendorId: user.vendorId });
    return ok(
      payments.map((payment) => ({
        paymentId: payment.id,
        invoiceNumber: payment.invoiceNumber,
        amount: payment.amount,
        status: payment.status,
        ...(payment.transferDate ? { transferDate: payment.transferDate } : {}),
      })),
    );
  };
}
