import fc from 'fast-check';
import { computeWithholding, withholdingTax } from '../src';

describe('withholdingTax (所得税法 Art. 204, with 復興特別所得税: 10.21% / 20.42%)', () => {
  it.each([
    [100_000, 10_210], // the vector: a 100,000 yen fee
    [999_999, 102_099], // 102,099.8979 cut
    [1_000_000, 102_100],
    [1_500_000, 204_200], // 102,100 + 500,000 × 20.42%
    [1_234_567, 149_998], // 102,100 + 234,567 × 20.42% = 149,998.5814
    [10, 1], // 1.021
    [9, 0], // 0.9189
    [0, 0],
  ])('%d yen → %d yen', (amount, tax) => {
    expect(withholdingTax(amount)).toBe(tax);
  });

  it('refuses a negative, fractional or inexact base', () => {
    expect(() => withholdingTax(-1)).toThrow(RangeError);
    expect(() => withholdingTax(0.5)).toThrow(RangeError);
    expect(() => withholdingTax(2 ** 50)).toThrow(RangeError);
  });

  it('is the two brackets rounded down once, never per bracket', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (amount) => {
        const tax = withholdingTax(amount);
        const lower = Math.min(amount, 1_000_000);
        const exact10000 = lower * 1021 + (amount - lower) * 2042;
        expect(tax * 10_000).toBeLessThanOrEqual(exact10000);
        expect((tax + 1) * 10_000).toBeGreaterThan(exact10000);
        expect(withholdingTax(amount + 1)).toBeGreaterThanOrEqual(tax);
      }),
    );
  });
});

describe('computeWithholding', () => {
  it('takes the lines marked withholding, as the invoice states their amounts', () => {
    expect(
      computeWithholding([
        { amount: 100_000, withholding: true },
        { amount: 5_000 }, // travel expenses: not a fee
        { amount: -10_000, withholding: true }, // a discount on the fee
        { amount: 30_000, withholding: false },
      ]),
    ).toEqual({ base: 90_000, tax: 9_189 });
  });

  it('withholds nothing without withholding lines, or when their sum is not positive', () => {
    expect(computeWithholding([{ amount: 100_000 }])).toEqual({ base: 0, tax: 0 });
    expect(computeWithholding([{ amount: -1, withholding: true }])).toEqual({ base: -1, tax: 0 });
  });
});
