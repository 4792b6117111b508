// Months ('YYYY-MM') and the deadlines counted in them.
import { addCalendarDays, isBankBusinessDay } from './business-days';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(month: string): { year: number; month: number } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(month)}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** The month after this one: 2026-12 → 2027-01. */
export function nextMonth(month: string): string {
  const { year, month: of } = parseMonth(month);
  // Four-digit years, as ISO 8601 writes them: 0131-12 → 0132-01, not 132-01.
  const yyyy = (y: number) => String(y).padStart(4, '0');
  return of === 12 ? `${yyyy(year + 1)}-01` : `${yyyy(year)}-${String(of + 1).padStart(2, '0')}`;
}

/** The first and last day of a month: 2028-02 → 2028-02-01 … 2028-02-29. */
export function monthRange(month: string): { from: string; to: string } {
  parseMonth(month);
  return { from: `${month}-01`, to: addCalendarDays(`${nextMonth(month)}-01`, -1) };
}

// Besides the days banks close (weekends, national holidays, 12-31 to 01-03), a national tax
// deadline also skips 12-29 and 12-30 (国税通則法施行令 Art. 2(2)).
const TAX_OFFICE_YEAR_END = new Set(['12-29', '12-30']);

/**
 * A national tax deadline as the law counts it: one on a Saturday, Sunday, national holiday or
 * Dec 29 – Jan 3 becomes the next day that is none of them (国税通則法 Art. 10(2) and 施行令
 * Art. 2(2)). Throws RangeError outside the holiday data's years.
 */
export function nationalTaxDeadline(date: string): string {
  let deadline = date;
  while (!isBankBusinessDay(deadline) || TAX_OFFICE_YEAR_END.has(deadline.slice(5))) {
    deadline = addCalendarDays(deadline, 1);
  }
  return deadline;
}

/**
 * The day income tax withheld from fees paid in `month` (報酬・料金) must reach the tax office:
 * the 10th of the next month (所得税法 Art. 204(1)), moved as a tax deadline is. (Art. 216's
 * half-yearly 納期の特例 is for payers with fewer than ten employees, never a city.)
 */
export function withholdingTaxDueDate(month: string): string {
  return nationalTaxDeadline(`${nextMonth(month)}-10`);
}
