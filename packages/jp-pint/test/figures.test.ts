import { checkBreakdown, checkStatedTax, checkTotals, type InvoiceFigures } from '../src/figures';

const at = (path: string) => (value: number) => ({ value, path });

function figures(overrides: Partial<InvoiceFigures> = {}): InvoiceFigures {
  return {
    lines: [
      {
        category: 'S',
        rate: 10,
        amount: at('/Invoice/cac:InvoiceLine/cbc:LineExtensionAmount')(10000),
      },
    ],
    allowanceCharges: [],
    subtotals: [
      {
        category: 'S',
        rate: 10,
        path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal',
        base: at('/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount')(10000),
        tax: at('/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount')(1000),
      },
    ],
    taxTotal: at('/Invoice/cac:TaxTotal/cbc:TaxAmount')(1000),
    totals: {
      path: '/Invoice/cac:LegalMonetaryTotal',
      lineExtension: at('/Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount')(10000),
      taxExclusive: at('/Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount')(10000),
      taxInclusive: at('/Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount')(11000),
      payable: at('/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount')(11000),
    },
    ...overrides,
  };
}

describe('checkStatedTax (jp-br-co-01)', () => {
  const subtotal = (base: number, rate: number, tax: number) => ({
    category: rate === 8 ? 'AA' : 'S',
    rate,
    path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal',
    base: at('b')(base),
    tax: at('t')(tax),
  });

  test.each([
    [12345, 8, 987], // 987.6 down
    [12345, 8, 988], // half-up and up
    [999, 10, 99], // 99.9 down
    [999, 10, 100], // half-up and up
    [0, 10, 0],
    [5000, 0, 0],
  ])('%i at %i%%: %i is accepted', (base, rate, tax) => {
    expect(checkStatedTax(subtotal(base, rate, tax))).toEqual([]);
  });

  test.each([
    [12345, 8, 986],
    [12345, 8, 989],
    [5000, 0, 1],
  ])('%i at %i%%: %i is refused', (base, rate, tax) => {
    expect(checkStatedTax(subtotal(base, rate, tax))).toEqual([
      { rule: 'jp-br-co-01', element: 't', message: expect.any(String) },
    ]);
  });

  test('a negative base (returned goods exceeding sales at a rate) rounds symmetrically', () => {
    expect(checkStatedTax(subtotal(-999, 10, -99))).toEqual([]);
    expect(checkStatedTax(subtotal(-999, 10, -100))).toEqual([]);
    expect(checkStatedTax(subtotal(-999, 10, -101))).toHaveLength(1);
  });

  test('a rate Japan does not have is refused as such', () => {
    expect(checkStatedTax(subtotal(10000, 5, 500))).toEqual([
      {
        rule: 'jp-tax-rate',
        element: '/Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:Percent',
        message: expect.stringContaining('5%'),
      },
    ]);
  });
});

describe('checkBreakdown and checkTotals with document-level allowances and charges', () => {
  const allowance = {
    category: 'S',
    rate: 10,
    isCharge: false,
    amount: at('/Invoice/cac:AllowanceCharge[1]/cbc:Amount')(1000),
  };
  const charge = {
    category: 'S',
    rate: 10,
    isCharge: true,
    amount: at('/Invoice/cac:AllowanceCharge[2]/cbc:Amount')(500),
  };
  const consistent = figures({
    allowanceCharges: [allowance, charge],
    subtotals: [
      {
        category: 'S',
        rate: 10,
        path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal',
        base: at('/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount')(9500),
        tax: at('/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount')(950),
      },
    ],
    taxTotal: at('/Invoice/cac:TaxTotal/cbc:TaxAmount')(950),
    totals: {
      path: '/Invoice/cac:LegalMonetaryTotal',
      lineExtension: at('/Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount')(10000),
      allowance: at('/Invoice/cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount')(1000),
      charge: at('/Invoice/cac:LegalMonetaryTotal/cbc:ChargeTotalAmount')(500),
      taxExclusive: at('/Invoice/cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount')(9500),
      taxInclusive: at('/Invoice/cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount')(10450),
      prepaid: at('/Invoice/cac:LegalMonetaryTotal/cbc:PrepaidAmount')(450),
      payable: at('/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount')(10000),
    },
  });

  test('consistent figures pass', () => {
    expect(checkBreakdown(consistent)).toEqual([]);
    expect(checkTotals(consistent)).toEqual([]);
  });

  test('ibr-co-11: allowances stated without their total', () => {
    const totals = { ...consistent.totals, allowance: undefined };
    expect(checkTotals({ ...consistent, totals })).toContainEqual({
      rule: 'ibr-co-11',
      element: '/Invoice/cac:LegalMonetaryTotal/cbc:AllowanceTotalAmount',
      message: expect.stringContaining('1,000円'),
    });
  });

  test('ibr-co-12: a charge total that is not the sum of the charges', () => {
    const totals = {
      ...consistent.totals,
      charge: at('/Invoice/cac:LegalMonetaryTotal/cbc:ChargeTotalAmount')(600),
    };
    expect(checkTotals({ ...consistent, totals })).toContainEqual({
      rule: 'ibr-co-12',
      element: '/Invoice/cac:LegalMonetaryTotal/cbc:ChargeTotalAmount',
      message: expect.any(String),
    });
  });

  test('ibr-tax-08: a base that ignores the allowance', () => {
    expect(checkBreakdown(figures({ allowanceCharges: [allowance] }))).toEqual([
      {
        rule: 'ibr-tax-08',
        element: '/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount',
        message: expect.stringContaining('9,000円'),
      },
    ]);
  });
});
