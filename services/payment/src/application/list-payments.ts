import { ok, type ListPage, type Outcome } from '@denpyo/platform';
import type { Payment, PaymentListQuery } from '@denpyo/schemas';
import { listPayments } from '../db/payments';
import type { PaymentDeps } from './deps';

/** Staff search of payments by invoice, vendor, status, due date and invoice number; one page. */
export function makeListPayments({ db }: PaymentDeps) {
  return async (query: PaymentListQuery): Promise<Outcome<ListPage<Payment>>> =>
    ok(await listPayments(db, query));
}
