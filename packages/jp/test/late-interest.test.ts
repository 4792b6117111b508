import {
  DEFAULT_LATE_INTEREST_RATES,
  daysLate,
  lateInterest,
  lateInterestRateOn,
  percentToScaled,
} from '../src';

describe('late-payment interest (支払遅延防止法 Art. 8)', () => {
  it.each([
    // The vector: 15,068.49… → ¥15,000.
    [10_000_000, '2.5', 22, 15_000],
    // 68.49… is under ¥100: nothing.
    [100_000, '2.5', 10, 0],
    // 1,000,000 × 2.5% × 2 / 365 = 136.98… → ¥100 (fractions under ¥100 cut).
    [1_000_000, '2.5', 2, 100],
    // 1,460,000 × 2.5% / 365 = 100 exactly: paid.
    [1_460_000, '2.5', 1, 100],
    // 1,459,999 × 2.5% / 365 = 99.99…: nothing.
    [1_459_999, '2.5', 1, 0],
    // 123,456,789 × 2.7% × 100 / 365 = 913,241.99… → ¥913,200.
    [123_456_789, '2.7', 100, 913_200],
    // A day count of a year at 2.6%: 50,000,000 × 0.026 = 1,300,000.
    [50_000_000, '2.6', 365, 1_300_000],
    [10_000_000, '2.5', 0, 0],
  ])('¥%i at %s%% for %i days → ¥%i', (amount, percent, days, expected) => {
    expect(lateInterest(amount, percent, days)).toBe(expected);
  });

  it('is exact for amounts beyond what a double multiplies exactly', () => {
    // 9,007,199,254,740,991 × 2.5% × 365 / 365 = 225,179,981,368,524.775 → …524 → …500.
    expect(lateInterest(Number.MAX_SAFE_INTEGER, '2.5', 365)).toBe(225_179_981_368_500);
  });

  it('counts from the day after the due date to the payment date, inclusive', () => {
    expect(daysLate('2027-05-10', '2027-06-01')).toBe(22);
    expect(daysLate('2027-05-10', '2027-05-11')).toBe(1);
    expect(daysLate('2027-05-10', '2027-05-10')).toBe(0);
    expect(daysLate('2027-05-10', '2027-05-01')).toBe(0);
    expect(daysLate('2028-02-28', '2028-03-01')).toBe(2); // a leap year's Feb 29 counts
  });

  it('takes the rate in force on the day the contract was concluded', () => {
    const rate = (date: string) => lateInterestRateOn(DEFAULT_LATE_INTEREST_RATES, date)?.percent;
    expect(rate('2021-03-31')).toBe('2.6');
    expect(rate('2021-04-01')).toBe('2.5');
    expect(rate('2026-11-27')).toBe('2.5');
    expect(rate('2019-01-01')).toBe('2.7');
    expect(rate('2017-03-31')).toBeUndefined();
  });

  it('reads percentages exactly and refuses anything else', () => {
    expect(percentToScaled('2.5')).toBe(25_000n);
    expect(percentToScaled('14.6')).toBe(146_000n);
    expect(percentToScaled('2.6125')).toBe(26_125n);
    for (const bad of ['', '2.', '.5', '2.12345', '-1', '1e2', '100']) {
      expect(() => percentToScaled(bad)).toThrow(RangeError);
    }
  });
});
