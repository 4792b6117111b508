import fc from 'fast-check';
import { computeInvoiceTotals, type InvoiceLine, type TaxRate } from '../src';

describe('computeInvoiceTotals', () => {
  it('rounds once per rate, not per line', () => {
    // Per line each 10% tax would be 9 (99 → 9.9 floored): 27 in all. Per rate: 297 → 29.
    const lines: InvoiceLine[] = [
      { amount: 99, taxRate: 10 },
      { amount: 99, taxRate: 10 },
      { amount: 99, taxRate: 10 },
    ];
    expect(computeInvoiceTotals(lines)).toEqual({
      subtotal: 297,
      taxes: [{ rate: 10, base: 297, tax: 29 }],
      total: 326,
    });
  });

  it('lists only the rates present, highest first', () => {
    const totals = computeInvoiceTotals([
      { amount: 1000, taxRate: 0 },
      { amount: 1234, taxRate: 8 },
      { amount: 5678, taxRate: 10 },
    ]);
    expect(totals.taxes).toEqual([
      { rate: 10, base: 5678, tax: 567 },
      { rate: 8, base: 1234, tax: 98 },
      { rate: 0, base: 1000, tax: 0 },
    ]);
    expect(totals.total).toBe(1000 + 1234 + 5678 + 567 + 98);
  });

  it('handles an empty invoice and discount lines', () => {
    expect(computeInvoiceTotals([])).toEqual({ subtotal: 0, taxes: [], total: 0 });
    const withDiscount = computeInvoiceTotals([
      { amount: 10_000, taxRate: 8 },
      { amount: -1_001, taxRate: 8 },
    ]);
    expect(withDiscount.taxes).toEqual([{ rate: 8, base: 8_999, tax: 719 }]);
  });

  it('rounds a negative base toward zero', () => {
    expect(computeInvoiceTotals([{ amount: -999, taxRate: 10 }]).taxes[0].tax).toBe(-99);
  });

  it('rejects non-integer amounts, unknown rates and bases too large to compute exactly', () => {
    expect(() => computeInvoiceTotals([{ amount: 1.5, taxRate: 10 }])).toThrow(RangeError);
    expect(() => computeInvoiceTotals([{ amount: 100, taxRate: 5 as TaxRate }])).toThrow(/taxRate/);
    expect(() => computeInvoiceTotals([{ amount: 2 ** 50, taxRate: 10 }])).toThrow(RangeError);
  });

  const rate = fc.constantFrom<TaxRate>(10, 8, 0);
  const line = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000_000 }), taxRate: rate });
  const lines = fc.array(line, { maxLength: 30 });

  it('total = subtotal + Σ tax, subtotal = Σ line amounts', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const { subtotal, taxes, total } = computeInvoiceTotals(ls);
        expect(subtotal).toBe(ls.reduce((s, l) => s + l.amount, 0));
        expect(total).toBe(subtotal + taxes.reduce((s, t) => s + t.tax, 0));
      }),
    );
  });

  it('per-rate tax is the exact tax rounded down, so never above the exact per-line sum', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        for (const { rate: r, tax } of computeInvoiceTotals(ls).taxes) {
          // Compared in hundredths of a yen so the exact side stays an integer.
          const exactHundredths = ls
            .filter((l) => l.taxRate === r)
            .reduce((s, l) => s + l.amount * r, 0);
          expect(tax * 100).toBeLessThanOrEqual(exactHundredths);
          expect(tax * 100).toBeGreaterThan(exactHundredths - 100);
        }
      }),
    );
  });

  it('taxes are sorted by rate descending, one entry per rate present', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const rates = computeInvoiceTotals(ls).taxes.map((t) => t.rate);
        const present = [...new Set(ls.map((l) => l.taxRate))].sort((a, b) => b - a);
        expect(rates).toEqual(present);
      }),
    );
  });
});
