// Late-payment interest on a government contract (政府契約の支払遅延防止等に関する法律 Art. 8,
// applied to local governments by Art. 14): from the day after the due date up to the day of
// payment, on the unpaid amount, at the rate the Minister of Finance sets (財務大臣告示) that was
// in force on the day the contract was concluded; city contract terms (e.g. 工事請負契約約款)
// then drop an amount under ¥100 and cut fractions under ¥100. All arithmetic is integer.
import { daysBetween } from './iso-date';

/** One row of the dated rate table: `percent` a year (a decimal string) applies from `from` on. */
export interface LateInterestRate {
  from: string;
  percent: string;
}

/**
 * The rates of 政府契約の支払遅延に対する遅延利息の率 (昭和24年大蔵省告示第991号, as amended),
 * oldest first. Seeded from the amendments we could verify:
 * - 2.7% from 2017-04-01 (平成29年財務省告示第53号);
 * - 2.6% from 2020-04-01 (令和2年の改正告示; its number we did not verify);
 * - 2.5% from 2021-04-01 (令和3年財務省告示第49号). No later amendment could be verified: a
 *   newer 告示 is added to the LATE_INTEREST_RATES setting, not here in code.
 */
export const DEFAULT_LATE_INTEREST_RATES: readonly LateInterestRate[] = [
  { from: '2017-04-01', percent: '2.7' },
  { from: '2020-04-01', percent: '2.6' },
  { from: '2021-04-01', percent: '2.5' },
];

/** Percent strings with up to 4 decimals, so a rate is an exact integer of 1/10,000 percent. */
const PERCENT = /^(\d{1,2})(?:\.(\d{1,4}))?$/;
const PERCENT_SCALE = 10_000n;
/** Nothing is paid under this, and fractions under it are cut. */
export const LATE_INTEREST_UNIT = 100;

/** The rate as an integer count of 1/10,000 percent ('2.5' → 25000), or a RangeError. */
export function percentToScaled(percent: string): bigint {
  const match = PERCENT.exec(percent);
  if (!match) throw new RangeError(`not a percentage with up to 4 decimals: ${percent}`);
  const fraction = (match[2] ?? '').padEnd(4, '0');
  return BigInt(match[1]!) * PERCENT_SCALE + BigInt(fraction);
}

/** The rate in force on `date` (the contract's conclusion day), or undefined before the table. */
export function lateInterestRateOn(
  table: readonly LateInterestRate[],
  date: string,
): LateInterestRate | undefined {
  let found: LateInterestRate | undefined;
  for (const rate of table)
    if (rate.from <= date && (!found || rate.from >= found.from)) found = rate;
  return found;
}

/** Days late: from the day after `dueDate` to `paidOn`, inclusive (0 when paid on time). */
export function daysLate(dueDate: string, paidOn: string): number {
  return Math.max(0, daysBetween(dueDate, paidOn));
}

/**
 * amount × percent/100 × days / 365, rounded down to the yen; under ¥100 nothing, otherwise
 * floored to whole hundreds. ¥10,000,000 × 2.5% × 22 / 365 = 15,068.49… → ¥15,000.
 */
export function lateInterest(amount: number, percent: string, days: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad amount ${amount}`);
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError(`bad day count ${days}`);
  const yen =
    (BigInt(amount) * percentToScaled(percent) * BigInt(days)) / (365n * 100n * PERCENT_SCALE);
  const unit = BigInt(LATE_INTEREST_UNIT);
  return Number((yen / unit) * unit);
}
