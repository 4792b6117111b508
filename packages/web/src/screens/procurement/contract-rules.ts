// What the contract form checks as it is typed: the route the delegation rules (専決規程) will
// fix at submission, whether the start date lies in the chosen fiscal year, and the schedule of
// amounts per fiscal year (債務負担行為) of a period that crosses March 31. Pure, unit-tested.
// The services decide; these only tell the clerk early.
import type { Rank } from '@denpyo/schemas';
import { fiscalYearOf, parseYen } from '../../format';
import { fiscalYearsOfPeriod } from '../../jp';

/**
 * The contract service's default delegation table (API.md v2, 専決規程): below ¥1,000,000 課長;
 * below ¥10,000,000 課長 → 部長; below ¥50,000,000 課長 → 部長 → 副市長; from ¥50,000,000 市長
 * as well. A city may configure its own; the route on the submitted contract is the truth.
 */
const DEFAULT_DELEGATION: readonly { below: number; route: readonly Rank[] }[] = [
  { below: 1_000_000, route: ['kacho'] },
  { below: 10_000_000, route: ['kacho', 'bucho'] },
  { below: 50_000_000, route: ['kacho', 'bucho', 'fukushicho'] },
  { below: Infinity, route: ['kacho', 'bucho', 'fukushicho', 'shicho'] },
];

/** The ranks that will have to sign a contract of this amount under the default table. */
export function expectedRoute(amount: number): readonly Rank[] {
  return (DEFAULT_DELEGATION.find((band) => amount < band.below) ?? DEFAULT_DELEGATION[3]!).route;
}

/**
 * Where the start date lies against the fiscal year (地方自治法 Art. 208: a commitment of year N
 * starts within April 1 N – March 31 N+1): undefined while the date is not a full date.
 */
export function startDateCheck(
  fiscalYear: number,
  startDate: string,
): 'in-year' | 'before' | 'after' | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) return undefined;
  const year = fiscalYearOf(startDate);
  return year === fiscalYear ? 'in-year' : year < fiscalYear ? 'before' : 'after';
}

/** The fiscal years a period touches, in order; empty while the period is incomplete or reversed. */
export function periodFiscalYears(startDate: string, endDate: string): number[] {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!date.test(startDate) || !date.test(endDate) || endDate < startDate) return [];
  return fiscalYearsOfPeriod(startDate, endDate);
}

export interface ScheduleRow {
  fiscalYear: number;
  /** As typed. */
  amount: string;
}

/** One row per fiscal year of the period, keeping what was typed for the years still in it. */
export function scheduleRowsFor(
  years: readonly number[],
  current: readonly ScheduleRow[],
): ScheduleRow[] {
  return years.map(
    (fiscalYear) =>
      current.find((row) => row.fiscalYear === fiscalYear) ?? { fiscalYear, amount: '' },
  );
}

export interface ScheduleCheck {
  /** The sum of the rows that can be read. */
  sum: number;
  /** amount − sum: positive when amounts are still missing, negative when there is too much. */
  difference: number;
  /** Rows whose amount is typed but is not a whole yen amount ≥ 0. */
  unreadable: number[];
  /** Every row read and the sum equals the contract amount. */
  balanced: boolean;
}

/** The live check of a schedule: each row read, and whether the rows add up to the amount. */
export function checkSchedule(rows: readonly ScheduleRow[], amount: number): ScheduleCheck {
  let sum = 0;
  const unreadable: number[] = [];
  rows.forEach((row, index) => {
    if (row.amount.trim() === '') return;
    const value = parseYen(row.amount);
    if (value === undefined) unreadable.push(index);
    else sum += value;
  });
  const complete = rows.every((row) => row.amount.trim() !== '');
  return {
    sum,
    difference: amount - sum,
    unreadable,
    balanced: complete && unreadable.length === 0 && sum === amount,
  };
}
