import {
  closingPeriodEnd,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  fiscalYearsOfPeriod,
  mayCloseFiscalYear,
} from '../src';

describe('the fiscal year (地方自治法 Art. 208)', () => {
  it.each([
    ['2026-04-01', 2026],
    ['2027-03-31', 2026],
    ['2027-04-01', 2027],
    ['2026-01-15', 2025],
    ['2026-12-31', 2026],
  ])('%s falls in fiscal year %i', (date, year) => {
    expect(fiscalYearOf(date)).toBe(year);
  });

  it('runs from April 1 to March 31', () => {
    expect(fiscalYearStart(2026)).toBe('2026-04-01');
    expect(fiscalYearEnd(2026)).toBe('2027-03-31');
  });

  it('keeps its accounts open until May 31 and may be closed from June 1 (Art. 235-5)', () => {
    expect(closingPeriodEnd(2026)).toBe('2027-05-31');
    expect(mayCloseFiscalYear(2026, '2027-05-31')).toBe(false);
    expect(mayCloseFiscalYear(2026, '2027-06-01')).toBe(true);
  });

  it('lists the years a multi-year period touches', () => {
    expect(fiscalYearsOfPeriod('2026-10-01', '2028-06-30')).toEqual([2026, 2027, 2028]);
    expect(fiscalYearsOfPeriod('2026-04-01', '2027-03-31')).toEqual([2026]);
  });
});
