import { monthRange, withholdingTaxDueDate } from '@denpyo/jp';
import { ok, refuseField, type ListPage, type Outcome } from '@denpyo/platform';
import type {
  WithholdingAnnualEntry,
  WithholdingAnnualQuery,
  WithholdingLedgerEntry,
  WithholdingLedgerQuery,
  WithholdingLedgerSummary,
  WithholdingMonthQuery,
} from '@denpyo/schemas';
import { listWithheld, withheldByVendor, withheldTotals } from '../db/withholding';
import type { PaymentDeps } from './deps';

// A payment whose vendor the service has not heard of cannot carry withholding (the invoice
// service withholds only for individual vendors), but a ledger never drops a line: it is shown
// with the vendor id alone.
const UNKNOWN_VENDOR = { name: '(不明)', kind: 'individual' as const };

/** 源泉徴収簿 of a month: paid payments with tax withheld, by transfer date. */
export function makeListWithholdingLedger({ db }: PaymentDeps) {
  return async (
    query: WithholdingLedgerQuery,
  ): Promise<Outcome<ListPage<WithholdingLedgerEntry>>> => {
    const { from, to } = monthRange(query.month);
    const paymentDueTo = taxDueDate(query.month);
    if (!paymentDueTo.ok) return paymentDueTo;
    const page = await listWithheld(db, from, to, query);
    return ok({
      items: page.items.map(({ vendor, ...line }) => ({
        ...line,
        vendorName: (vendor ?? UNKNOWN_VENDOR).name,
        vendorKind: (vendor ?? UNKNOWN_VENDOR).kind,
        paymentDueTo: paymentDueTo.value,
      })),
      total: page.total,
    });
  };
}

/** A month's totals and the day they must reach the tax office. */
export function makeGetWithholdingLedgerSummary({ db }: PaymentDeps) {
  return async ({ month }: WithholdingMonthQuery): Promise<Outcome<WithholdingLedgerSummary>> => {
    const { from, to } = monthRange(month);
    const paymentDueTo = taxDueDate(month);
    if (!paymentDueTo.ok) return paymentDueTo;
    return ok({
      month,
      paymentDueTo: paymentDueTo.value,
      ...(await withheldTotals(db, from, to)),
    });
  };
}

/**
 * The day a month's withheld tax is due, or a 422 naming the month when it lies outside the
 * years the holiday calendar covers (the deadline moves over holidays nobody has declared yet).
 */
function taxDueDate(month: string): Outcome<string> {
  try {
    return ok(withholdingTaxDueDate(month));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return refuseField('unprocessable', 'month', error.message);
  }
}

/** Per recipient and calendar year, for the 支払調書 (所得税法 Art. 225). */
export function makeListWithholdingAnnual({ db }: PaymentDeps) {
  return async (
    query: WithholdingAnnualQuery,
  ): Promise<Outcome<ListPage<WithholdingAnnualEntry>>> => {
    const page = await withheldByVendor(db, `${query.year}-01-01`, `${query.year}-12-31`, query);
    return ok({
      items: page.items.map(({ vendor, ...row }) => ({
        ...row,
        vendorName: (vendor ?? UNKNOWN_VENDOR).name,
        vendorKind: (vendor ?? UNKNOWN_VENDOR).kind,
        year: query.year,
      })),
      total: page.total,
    });
  };
}
