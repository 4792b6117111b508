import { ok, type Outcome } from '@denpyo/platform';
import type { Payment, PaymentListQuery } from '@denpyo/schemas';
import { listPayments } from '../db/payments';
import type { PaymentDeps } from './deps';

/** Staff search of payments, by invoice, vendor and status. */
export function makeListPayments({ db }: PaymentDeps) {
  return async (query: PaymentListQuery): Promise<Outcome<Payment[]>> =>
    ok(await listPayments(db, query));
}
