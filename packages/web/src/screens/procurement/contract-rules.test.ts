import {
  checkSchedule,
  expectedRoute,
  periodFiscalYears,
  scheduleRowsFor,
  startDateCheck,
} from './contract-rules';

describe('the route the default delegation table will fix', () => {
  it('follows the amount bands, each bound belonging to the higher band', () => {
    expect(expectedRoute(999_999)).toEqual(['kacho']);
    expect(expectedRoute(1_000_000)).toEqual(['kacho', 'bucho']);
    expect(expectedRoute(9_999_999)).toEqual(['kacho', 'bucho']);
    expect(expectedRoute(10_000_000)).toEqual(['kacho', 'bucho', 'fukushicho']);
    expect(expectedRoute(49_999_999)).toEqual(['kacho', 'bucho', 'fukushicho']);
    expect(expectedRoute(50_000_000)).toEqual(['kacho', 'bucho', 'fukushicho', 'shicho']);
    expect(expectedRoute(9_000_000_000)).toHaveLength(4);
  });
});

describe('the start date and the fiscal year', () => {
  it('accepts April 1 to March 31 of the year and names the side it falls off', () => {
    expect(startDateCheck(2026, '2026-04-01')).toBe('in-year');
    expect(startDateCheck(2026, '2027-03-31')).toBe('in-year');
    expect(startDateCheck(2026, '2026-03-31')).toBe('before');
    expect(startDateCheck(2026, '2027-04-01')).toBe('after');
    expect(startDateCheck(2026, '2026-04')).toBeUndefined();
  });
});

describe('the multi-year schedule (債務負担行為)', () => {
  it('has one row per fiscal year the period touches', () => {
    expect(periodFiscalYears('2026-10-01', '2027-03-31')).toEqual([2026]);
    expect(periodFiscalYears('2026-10-01', '2027-04-01')).toEqual([2026, 2027]);
    expect(periodFiscalYears('2026-10-01', '2028-06-30')).toEqual([2026, 2027, 2028]);
    expect(periodFiscalYears('2027-01-01', '2026-12-31')).toEqual([]);
    expect(periodFiscalYears('2026-10-01', '')).toEqual([]);
  });

  it('keeps the amounts typed for years still in the period', () => {
    const rows = [
      { fiscalYear: 2026, amount: '600,000' },
      { fiscalYear: 2027, amount: '400,000' },
    ];
    expect(scheduleRowsFor([2026, 2027, 2028], rows)).toEqual([
      ...rows,
      { fiscalYear: 2028, amount: '' },
    ]);
    expect(scheduleRowsFor([2027], rows)).toEqual([rows[1]]);
  });

  it('checks live that the years add up to the contract amount', () => {
    const rows = (a: string, b: string) => [
      { fiscalYear: 2026, amount: a },
      { fiscalYear: 2027, amount: b },
    ];
    expect(checkSchedule(rows('600,000', '400,000'), 1_000_000)).toEqual({
      sum: 1_000_000,
      difference: 0,
      unreadable: [],
      balanced: true,
    });
    expect(checkSchedule(rows('600,000', ''), 1_000_000)).toMatchObject({
      difference: 400_000,
      balanced: false,
    });
    expect(checkSchedule(rows('700,000', '400,000'), 1_000_000)).toMatchObject({
      difference: -100_000,
      balanced: false,
    });
    expect(checkSchedule(rows('abc', '0'), 0)).toMatchObject({ unreadable: [0], balanced: false });
    // A year may carry nothing (e.g. the work is all paid in the second year).
    expect(checkSchedule(rows('0', '１，０００，０００円'), 1_000_000).balanced).toBe(true);
  });
});
