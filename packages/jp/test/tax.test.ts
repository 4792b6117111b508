import fc from 'fast-check';
import {
  acceptedTaxes,
  type AcceptedTaxes,
  computeInvoiceTotals,
  type AmountsInclude,
  type InvoiceLine,
  type TaxRate,
} from '../src';

describe('computeInvoiceTotals, tax-excluded amounts and no stated tax (rounded down)', () => {
  it('rounds once per rate, not per line', () => {
    // Per line each 10% tax would be 9 (99 → 9.9 floored): 27 in all. Per rate: 297 → 29.
    const lines: InvoiceLine[] = [
      { amount: 99, taxRate: 10 },
      { amount: 99, taxRate: 10 },
      { amount: 99, taxRate: 10 },
    ];
    expect(computeInvoiceTotals(lines)).toEqual({
      amountsInclude: 'tax-excluded',
      subtotal: 297,
      taxes: [{ rate: 10, base: 297, tax: 29 }],
      total: 326,
      problems: [],
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

  it('takes discount lines off their rate before the tax: 10,000 − 1,000 at 10% → 900', () => {
    const totals = computeInvoiceTotals([
      { amount: 10_000, taxRate: 10 },
      { amount: -1_000, taxRate: 10 },
    ]);
    expect(totals).toMatchObject({
      subtotal: 9_000,
      taxes: [{ rate: 10, base: 9_000, tax: 900 }],
      total: 9_900,
      problems: [],
    });
    const eight = computeInvoiceTotals([
      { amount: 10_000, taxRate: 8 },
      { amount: -1_001, taxRate: 8 },
    ]);
    expect(eight.taxes).toEqual([{ rate: 8, base: 8_999, tax: 719 }]);
  });

  it('reports a base taken below zero by discounts, naming the rate (tax toward zero)', () => {
    const totals = computeInvoiceTotals([
      { amount: 5_000, taxRate: 10 },
      { amount: 1_000, taxRate: 8 },
      { amount: -1_999, taxRate: 8 },
    ]);
    expect(totals.taxes[1]).toEqual({ rate: 8, base: -999, tax: -79 });
    expect(totals.problems).toEqual([{ kind: 'negative-base', rate: 8, base: -999 }]);
  });

  it('reports an invoice with nothing to pay, and an empty one', () => {
    const nothing = computeInvoiceTotals([
      { amount: 10_000, taxRate: 10 },
      { amount: -10_000, taxRate: 10 },
    ]);
    expect(nothing.total).toBe(0);
    expect(nothing.problems).toEqual([{ kind: 'zero-total' }]);
    expect(computeInvoiceTotals([])).toEqual({
      amountsInclude: 'tax-excluded',
      subtotal: 0,
      taxes: [],
      total: 0,
      problems: [{ kind: 'zero-total' }],
    });
  });

  it('rejects non-integer amounts, unknown rates and bases too large to compute exactly', () => {
    expect(() => computeInvoiceTotals([{ amount: 1.5, taxRate: 10 }])).toThrow(RangeError);
    expect(() => computeInvoiceTotals([{ amount: 100, taxRate: 5 as TaxRate }])).toThrow(/taxRate/);
    expect(() => computeInvoiceTotals([{ amount: 2 ** 50, taxRate: 10 }])).toThrow(RangeError);
    expect(() =>
      computeInvoiceTotals([{ amount: 100, taxRate: 10 }], {
        statedTaxes: [{ rate: 10, tax: 0.5 }],
      }),
    ).toThrow(RangeError);
  });
});

describe('computeInvoiceTotals with stated taxes (issuer rounds down, half-up or up)', () => {
  const base1005 = [{ amount: 1_005, taxRate: 8 as const }];

  it.each([
    [80, 'down (80.4)'],
    [81, 'up'],
  ])('accepts a stated 8%% tax of %d on 1,005 tax-excluded: %s', (tax) => {
    const totals = computeInvoiceTotals(base1005, { statedTaxes: [{ rate: 8, tax }] });
    expect(totals.problems).toEqual([]);
    expect(totals.taxes).toEqual([{ rate: 8, base: 1_005, tax }]);
    expect(totals.total).toBe(1_005 + tax);
  });

  it.each([79, 82])('refuses a stated 8%% tax of %d on 1,005, with both figures', (tax) => {
    const totals = computeInvoiceTotals(base1005, { statedTaxes: [{ rate: 8, tax }] });
    expect(totals.problems).toEqual([
      {
        kind: 'stated-tax-not-accepted',
        rate: 8,
        stated: tax,
        accepted: { down: 80, halfUp: 80, up: 81 },
      },
    ]);
    // The figures stay as stated, so a preview shows what the invoice says.
    expect(totals.taxes[0]!.tax).toBe(tax);
  });

  it('keeps a stated tax per rate and rounds down a rate without one', () => {
    // 10%: 1,234.5 → 1,234 / 1,235 / 1,235; 8%: 543.12 → 543 / 543 / 544.
    const lines: InvoiceLine[] = [
      { amount: 12_345, taxRate: 10 },
      { amount: 6_789, taxRate: 8 },
      { amount: 500, taxRate: 0 },
    ];
    expect(
      computeInvoiceTotals(lines, {
        statedTaxes: [
          { rate: 10, tax: 1_235 },
          { rate: 8, tax: 544 },
        ],
      }),
    ).toEqual({
      amountsInclude: 'tax-excluded',
      subtotal: 19_634,
      taxes: [
        { rate: 10, base: 12_345, tax: 1_235 },
        { rate: 8, base: 6_789, tax: 544 },
        { rate: 0, base: 500, tax: 0 },
      ],
      total: 19_634 + 1_235 + 544,
      problems: [],
    });
    expect(computeInvoiceTotals(lines, { statedTaxes: [{ rate: 8, tax: 544 }] }).taxes[0]).toEqual({
      rate: 10,
      base: 12_345,
      tax: 1_234,
    });
  });

  it('accepts only 0 at 0%', () => {
    const lines = [{ amount: 3_000, taxRate: 0 as const }];
    expect(computeInvoiceTotals(lines, { statedTaxes: [{ rate: 0, tax: 0 }] }).problems).toEqual(
      [],
    );
    expect(computeInvoiceTotals(lines, { statedTaxes: [{ rate: 0, tax: 1 }] }).problems).toEqual([
      {
        kind: 'stated-tax-not-accepted',
        rate: 0,
        stated: 1,
        accepted: { down: 0, halfUp: 0, up: 0 },
      },
    ]);
  });

  it('reports a tax stated for a rate without lines, or stated twice', () => {
    const lines = [{ amount: 1_000, taxRate: 10 as const }];
    expect(
      computeInvoiceTotals(lines, {
        statedTaxes: [
          { rate: 10, tax: 100 },
          { rate: 8, tax: 0 },
          { rate: 10, tax: 100 },
        ],
      }).problems,
    ).toEqual([
      { kind: 'stated-tax-without-lines', rate: 8 },
      { kind: 'stated-tax-repeated', rate: 10 },
    ]);
  });
});

describe('computeInvoiceTotals with tax-included amounts (税込)', () => {
  const included = { amountsInclude: 'tax-included' as const };

  it('税込 1,099 at 10% stating 99 is a claim of 1,099, not 1,100', () => {
    const lines = [{ amount: 1_099, taxRate: 10 as const }];
    const stated = computeInvoiceTotals(lines, {
      ...included,
      statedTaxes: [{ rate: 10, tax: 99 }],
    });
    expect(stated).toEqual({
      amountsInclude: 'tax-included',
      subtotal: 1_000,
      taxes: [{ rate: 10, base: 1_099, tax: 99 }],
      total: 1_099,
      problems: [],
    });
    // 1,099 × 10 / 110 = 99.909…: 100 (half-up or up) is accepted as well, 98 is not.
    expect(
      computeInvoiceTotals(lines, { ...included, statedTaxes: [{ rate: 10, tax: 100 }] }),
    ).toMatchObject({ subtotal: 999, total: 1_099, problems: [] });
    expect(
      computeInvoiceTotals(lines, { ...included, statedTaxes: [{ rate: 10, tax: 98 }] }).problems,
    ).toEqual([
      {
        kind: 'stated-tax-not-accepted',
        rate: 10,
        stated: 98,
        accepted: { down: 99, halfUp: 100, up: 100 },
      },
    ]);
    expect(computeInvoiceTotals(lines, included).taxes[0]!.tax).toBe(99);
  });

  it('one tax-included line of 11 at 10%: tax 1, total 11', () => {
    expect(computeInvoiceTotals([{ amount: 11, taxRate: 10 }], included)).toEqual({
      amountsInclude: 'tax-included',
      subtotal: 10,
      taxes: [{ rate: 10, base: 11, tax: 1 }],
      total: 11,
      problems: [],
    });
  });

  it('mixed rates with a discount: the total is the sum of the stated amounts', () => {
    const totals = computeInvoiceTotals(
      [
        { amount: 6_600, taxRate: 10 },
        { amount: -1_100, taxRate: 10 },
        { amount: 1_080, taxRate: 8 },
        { amount: 300, taxRate: 0 },
      ],
      included,
    );
    expect(totals).toEqual({
      amountsInclude: 'tax-included',
      subtotal: 5_000 + 1_000 + 300,
      taxes: [
        { rate: 10, base: 5_500, tax: 500 },
        { rate: 8, base: 1_080, tax: 80 },
        { rate: 0, base: 300, tax: 0 },
      ],
      total: 6_880,
      problems: [],
    });
  });
});

describe('acceptedTaxes', () => {
  it.each([
    [5, 10, 'tax-excluded', { down: 0, halfUp: 1, up: 1 }], // 0.5: half-up rounds up
    [14, 10, 'tax-excluded', { down: 1, halfUp: 1, up: 2 }],
    [15, 10, 'tax-excluded', { down: 1, halfUp: 2, up: 2 }],
    [1_000, 10, 'tax-excluded', { down: 100, halfUp: 100, up: 100 }],
    [1_005, 8, 'tax-excluded', { down: 80, halfUp: 80, up: 81 }],
    [1_099, 10, 'tax-included', { down: 99, halfUp: 100, up: 100 }],
    [1_000, 8, 'tax-included', { down: 74, halfUp: 74, up: 75 }], // 74.07…
    [0, 10, 'tax-included', { down: 0, halfUp: 0, up: 0 }],
  ] as const)('%d at %d%% (%s) → %o', (base, rate, include, expected) => {
    expect(acceptedTaxes(base, rate, include)).toEqual(expected);
  });

  it('refuses a negative base and one too large to compute exactly', () => {
    expect(() => acceptedTaxes(-1, 10)).toThrow(RangeError);
    expect(() => acceptedTaxes(2 ** 50, 10)).toThrow(RangeError);
  });

  const include = fc.constantFrom<AmountsInclude>('tax-excluded', 'tax-included');
  const rate = fc.constantFrom<TaxRate>(10, 8, 0);

  it('brackets the exact tax: down ≤ exact ≤ up < down + 2, half-up within half a yen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), rate, include, (b, r, inc) => {
        const { down, halfUp, up } = acceptedTaxes(b, r, inc);
        const denominator = inc === 'tax-included' ? 100 + r : 100;
        // Compared as integers: tax × denominator against base × rate.
        expect(down * denominator).toBeLessThanOrEqual(b * r);
        expect((down + 1) * denominator).toBeGreaterThan(b * r);
        expect(up - down).toBe((b * r) % denominator === 0 ? 0 : 1);
        expect(Math.abs(2 * halfUp * denominator - 2 * b * r)).toBeLessThanOrEqual(denominator);
      }),
    );
  });
});

describe('computeInvoiceTotals properties', () => {
  const rate = fc.constantFrom<TaxRate>(10, 8, 0);
  const line = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000_000 }), taxRate: rate });
  const lines = fc.array(line, { minLength: 1, maxLength: 30 });

  it('tax-excluded: total = subtotal + Σ tax, subtotal = Σ line amounts', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const { subtotal, taxes, total } = computeInvoiceTotals(ls);
        expect(subtotal).toBe(ls.reduce((s, l) => s + l.amount, 0));
        expect(total).toBe(subtotal + taxes.reduce((s, t) => s + t.tax, 0));
      }),
    );
  });

  it('tax-included: total = Σ line amounts = subtotal + Σ tax', () => {
    fc.assert(
      fc.property(lines, (ls) => {
        const { subtotal, taxes, total } = computeInvoiceTotals(ls, {
          amountsInclude: 'tax-included',
        });
        expect(total).toBe(ls.reduce((s, l) => s + l.amount, 0));
        expect(subtotal + taxes.reduce((s, t) => s + t.tax, 0)).toBe(total);
      }),
    );
  });

  it('without a stated tax, each rate is the exact tax rounded down', () => {
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

  it('any of the three accepted figures stated for every rate raises no problem', () => {
    const rounding = fc.constantFrom<keyof AcceptedTaxes>('down', 'halfUp', 'up');
    fc.assert(
      fc.property(lines, rounding, fc.boolean(), (ls, way, taxIncluded) => {
        const amountsInclude: AmountsInclude = taxIncluded ? 'tax-included' : 'tax-excluded';
        const bases = computeInvoiceTotals(ls, { amountsInclude }).taxes;
        const statedTaxes = bases.map(({ rate: r, base }) => ({
          rate: r,
          tax: acceptedTaxes(base, r, amountsInclude)[way],
        }));
        const totals = computeInvoiceTotals(ls, { amountsInclude, statedTaxes });
        expect(totals.problems.filter((p) => p.kind !== 'zero-total')).toEqual([]);
        expect(totals.taxes.map((t) => t.tax)).toEqual(statedTaxes.map((t) => t.tax));
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
