import { fiscalYearEnd, fiscalYearOf, fiscalYearStart, fiscalYearsOfPeriod } from '@denpyo/jp';
import { ok, refuse, refuseField, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type { Schedule } from '@denpyo/schemas';

/** What the fiscal-year rules read of a contract's terms. */
export interface CommitmentTerms {
  fiscalYear: number;
  amount: number;
  startDate: string;
  endDate: string;
  schedule?: Schedule;
}

/**
 * The fiscal-year rules of a commitment (地方自治法 Art. 208 会計年度独立の原則; Art. 214
 * 債務負担行為): a contract of fiscal year N starts within N; when its period ends after
 * March 31 of N it carries a schedule with one entry per fiscal year the period touches, in
 * order, the first being N, the amounts summing to the contract amount. The value is the
 * schedule the commitment is recorded with: a single year's contract has one entry.
 */
export function checkCommitmentTerms(terms: CommitmentTerms): Outcome<Schedule> {
  const { fiscalYear, amount, startDate, endDate, schedule } = terms;
  if (startDate < fiscalYearStart(fiscalYear) || startDate > fiscalYearEnd(fiscalYear)) {
    return refuseField(
      'unprocessable',
      'startDate',
      `a contract of fiscal year ${fiscalYear} must start within it (${fiscalYearStart(fiscalYear)} to ${fiscalYearEnd(fiscalYear)})`,
    );
  }
  const years = fiscalYearsOfPeriod(startDate, endDate);
  if (years.length === 1) {
    if (schedule && (schedule.length !== 1 || schedule[0]!.fiscalYear !== fiscalYear)) {
      return refuseField(
        'unprocessable',
        'schedule',
        `the period lies within fiscal year ${fiscalYear}: no schedule across years`,
      );
    }
    return ok([{ fiscalYear, amount }]);
  }
  if (!schedule) {
    return refuseField(
      'unprocessable',
      'schedule',
      `the period ends after ${fiscalYearEnd(fiscalYear)}: a schedule of amounts for fiscal years ${years.join(', ')} (債務負担行為) is required`,
    );
  }
  const errors: FieldError[] = [];
  const given = schedule.map((entry) => entry.fiscalYear);
  if (given.join() !== years.join()) {
    errors.push({
      path: 'schedule',
      message: `must have one entry for each of fiscal years ${years.join(', ')}, in order; got ${given.join(', ')}`,
    });
  }
  const total = schedule.reduce((sum, entry) => sum + entry.amount, 0);
  if (total !== amount) {
    errors.push({
      path: 'schedule',
      message: `amounts sum to ${total}, not the contract amount ${amount}`,
    });
  }
  if (errors.length > 0) {
    return refuse('unprocessable', 'The schedule does not fit the contract period', errors);
  }
  return ok(schedule.map((entry) => ({ ...entry })));
}

/** No new commitment in a closed fiscal year (出納閉鎖, 地方自治法 Art. 235-5). */
export function refuseIfClosed(
  closedYears: readonly number[],
  fiscalYear: number,
  path = 'fiscalYear',
): Outcome<void> {
  if (closedYears.includes(fiscalYear)) {
    return refuseField(
      'unprocessable',
      path,
      `fiscal year ${fiscalYear} is closed (出納閉鎖): no new commitment in it`,
    );
  }
  return ok(undefined);
}

/**
 * 会計年度独立の原則 (地方自治法 Art. 208): each year's expenditure is met from that year's
 * revenue, so a contract of fiscal year N is made, submitted and approved by March 31 of N+1.
 * The 出納整理期間 that follows (to May 31, Art. 235-5) is for paying commitments already made,
 * not for new ones.
 */
export function refuseIfYearOver(
  fiscalYear: number,
  today: string,
  path = 'fiscalYear',
): Outcome<void> {
  if (today > fiscalYearEnd(fiscalYear)) {
    return refuseField(
      'unprocessable',
      path,
      `fiscal year ${fiscalYear} ended on ${fiscalYearEnd(fiscalYear)} (会計年度独立, 地方自治法 Art. 208): no new commitment in it; contract in fiscal year ${fiscalYearOf(today)}`,
    );
  }
  return ok(undefined);
}

/** Whether a fiscal year has begun by `today` (on or after its April 1). */
export function yearHasBegun(fiscalYear: number, today: string): boolean {
  return today >= fiscalYearStart(fiscalYear);
}
