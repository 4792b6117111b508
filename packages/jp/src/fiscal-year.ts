// The local government's fiscal year (会計年度, 地方自治法 Art. 208): April 1 to March 31,
// named by the calendar year it starts in. Its accounts stay open for orders and payments of
// that year until May 31 of the next year (出納整理期間, Art. 235-5), and are closed (出納閉鎖)
// from June 1. Dates are ISO 'YYYY-MM-DD' strings, which compare correctly as strings.

/** The fiscal year a date falls in: 2027-03-31 → 2026, 2027-04-01 → 2027. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** The first day of a fiscal year (April 1). */
export function fiscalYearStart(fiscalYear: number): string {
  return `${fiscalYear}-04-01`;
}

/** The last day of a fiscal year (March 31 of the next calendar year). */
export function fiscalYearEnd(fiscalYear: number): string {
  return `${fiscalYear + 1}-03-31`;
}

/** The last day payments of the year may still be ordered and made (出納整理期間, May 31). */
export function closingPeriodEnd(fiscalYear: number): string {
  return `${fiscalYear + 1}-05-31`;
}

/** Whether the year's accounts may be closed on `today` (from June 1 of the next year). */
export function mayCloseFiscalYear(fiscalYear: number, today: string): boolean {
  return today > closingPeriodEnd(fiscalYear);
}

/** The fiscal years a period touches, in order: 2026-10-01..2028-06-30 → [2026, 2027, 2028]. */
export function fiscalYearsOfPeriod(startDate: string, endDate: string): number[] {
  const years: number[] = [];
  for (let year = fiscalYearOf(startDate); year <= fiscalYearOf(endDate); year++) years.push(year);
  return years;
}
