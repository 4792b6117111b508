// Consumption tax for a qualified invoice (適格請求書): tax is computed once per rate on the sum
// of that rate's tax-excluded line amounts, never per line, and the city rounds down (切り捨て).
export type TaxRate = 10 | 8 | 0;

export interface InvoiceLine {
  amount: number;
  taxRate: TaxRate;
}

export interface RateTotal {
  rate: TaxRate;
  base: number;
  tax: number;
}

export interface InvoiceTotals {
  subtotal: number;
  taxes: RateTotal[];
  total: number;
}

const TAX_RATES: readonly TaxRate[] = [10, 8, 0]; // descending: the order totals are listed in

function assertSafeYen(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of yen, got ${value}`);
  }
}

/**
 * Tax on one rate's base, rounded toward zero. Toward zero (not toward −∞) so that a negative
 * base — an invoice that is mostly returns or discounts — is rounded down in magnitude too.
 */
function taxOnBase(base: number, rate: TaxRate): number {
  const scaled = Math.abs(base) * rate;
  if (!Number.isSafeInteger(scaled)) {
    throw new RangeError(`tax base ${base} at ${rate}% is too large to compute exactly`);
  }
  const tax = Math.floor(scaled / 100);
  return base < 0 ? -tax : tax;
}

/** Sums line amounts per rate and adds the per-rate tax. Only rates that occur are listed. */
export function computeInvoiceTotals(lines: readonly InvoiceLine[]): InvoiceTotals {
  const baseByRate = new Map<TaxRate, number>();
  lines.forEach((line, index) => {
    assertSafeYen(line.amount, `lines[${index}].amount`);
    if (!TAX_RATES.includes(line.taxRate)) {
      throw new RangeError(`lines[${index}].taxRate must be one of 10, 8, 0, got ${line.taxRate}`);
    }
    const base = (baseByRate.get(line.taxRate) ?? 0) + line.amount;
    assertSafeYen(base, `the ${line.taxRate}% base`);
    baseByRate.set(line.taxRate, base);
  });

  const taxes = TAX_RATES.filter((rate) => baseByRate.has(rate)).map((rate) => {
    const base = baseByRate.get(rate) ?? 0;
    return { rate, base, tax: taxOnBase(base, rate) };
  });
  const subtotal = taxes.reduce((sum, { base }) => sum + base, 0);
  const total = taxes.reduce((sum, { tax }) => sum + tax, subtotal);
  assertSafeYen(subtotal, 'the subtotal');
  assertSafeYen(total, 'the total');
  return { subtotal, taxes, total };
}
