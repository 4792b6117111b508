import { addCalendarDays, isBankBusinessDay } from '@denpyo/jp';

/**
 * The day tax withheld from payments made in `month` (YYYY-MM) must reach the tax office: the
 * 10th of the next month (所得税法 Art. 204 and 216 for 報酬・料金). A deadline on a Saturday,
 * Sunday, national holiday or Dec 29 – Jan 3 moves to the next day that is none of them (国税通則法
 * Art. 10(2) and its 施行令 Art. 2); a 10th never falls in the year-end days, so that is the next
 * bank business day.
 */
export function withholdingTaxDueDate(month: string): string {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  const next =
    monthOfYear === 12 ? `${year + 1}-01` : `${year}-${String(monthOfYear + 1).padStart(2, '0')}`;
  let date = `${next}-10`;
  while (!isBankBusinessDay(date)) date = addCalendarDays(date, 1);
  return date;
}

/** The first and last day of a month (YYYY-MM). */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  const firstOfNext =
    monthOfYear === 12
      ? `${year + 1}-01-01`
      : `${year}-${String(monthOfYear + 1).padStart(2, '0')}-01`;
  return { from, to: addCalendarDays(firstOfNext, -1) };
}
