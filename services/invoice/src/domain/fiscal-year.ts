import { closingPeriodEnd, fiscalYearOf } from '@denpyo/jp';
import { ok, refuse, refuseField, type Outcome } from '@denpyo/platform/outcome';

/** One fiscal year's part of a multi-year commitment (債務負担行為). */
export interface ScheduledYear {
  fiscalYear: number;
  amount: number;
}

/** A fiscal year of a contract with the totals of its invoices of that year not rejected. */
export interface ContractYear extends ScheduledYear {
  invoicedTotal: number;
}

export function yearRemaining(year: ContractYear): number {
  return Math.max(0, year.amount - year.invoicedTotal);
}

export function exceedsYear(total: number, year: ContractYear): string {
  return `The invoice total ${total} exceeds what fiscal year ${year.fiscalYear} has left of its scheduled ${year.amount}: ${yearRemaining(year)} (${year.invoicedTotal} invoiced)`;
}

/**
 * The fiscal year whose budget bears an invoice's payment (会計年度独立の原則, 地方自治法
 * Art. 208). A single-year contract's payments belong to its fiscal year, also when the claim
 * arrives in April–May of the next (出納整理期間, Art. 235-5). A multi-year contract's payment
 * belongs to the year the claim arrived in — or, arriving in April–May, to the year before when
 * only that one is scheduled (its last year's claims during the 出納整理期間); a year without a
 * scheduled amount has no budget to pay from (422).
 */
export function paymentFiscalYear(
  contract: { fiscalYear: number; schedule?: readonly ScheduledYear[] },
  receivedOn: string,
): Outcome<number> {
  const scheduled = new Set(contract.schedule?.map((year) => year.fiscalYear) ?? []);
  if (scheduled.size <= 1) return ok(contract.fiscalYear);
  const year = fiscalYearOf(receivedOn);
  if (scheduled.has(year)) return ok(year);
  if (scheduled.has(year - 1) && receivedOn <= closingPeriodEnd(year - 1)) return ok(year - 1);
  return refuseField(
    'unprocessable',
    'receivedOn',
    `The contract schedules no amount for fiscal year ${year} (scheduled: ${[...scheduled].sort().join(', ')})`,
  );
}

/**
 * Once the treasurer has closed a fiscal year (出納閉鎖, 地方自治法 Art. 235-5) nothing more is
 * ordered in it; until then its orders are allowed, in April–May of the next year too.
 */
export function decideOrderFiscalYear(fiscalYear: number, closed: boolean): Outcome<number> {
  if (!closed) return ok(fiscalYear);
  return refuse(
    'unprocessable',
    `Fiscal year ${fiscalYear} is closed (出納閉鎖): no payment order can be issued in it`,
  );
}
