// Consumption tax as a qualified invoice (適格請求書) states it. The issuer computes the tax once
// per rate on the sum of that rate's amounts, never per line, and chooses the rounding of the
// fraction — down, half-up or up (消費税法 Art. 57-4 (1) (v), 消費税法施行令 Art. 70-10). The buyer
// records the tax the invoice states; when none is stated the city rounds down (切り捨て). The
// tolerance is the one JP PINT's rule jp-br-co-01 applies to a stated tax.
//
// Pure and browser-safe: the web application's live preview runs these same functions.
export type TaxRate = 10 | 8 | 0;

/** What the line amounts of an invoice are: 税抜 (the default) or 税込. */
export type AmountsInclude = 'tax-excluded' | 'tax-included';

export interface InvoiceLine {
  /** Integer yen, tax-excluded or tax-included as the invoice says; negative for a discount. */
  amount: number;
  taxRate: TaxRate;
}

/** The tax an invoice states for one rate. */
export interface StatedTax {
  rate: TaxRate;
  tax: number;
}

/** One rate's base (the sum of its line amounts, as stated) and its tax. */
export interface RateTotal {
  rate: TaxRate;
  base: number;
  tax: number;
}

/** The tax figures an invoice may state for one rate: the exact tax rounded each allowed way. */
export interface AcceptedTaxes {
  down: number;
  halfUp: number;
  up: number;
}

/** Why the figures of an invoice cannot be accepted as they stand. */
export type TaxProblem =
  /** Discount lines may not take a rate's base below zero. */
  | { kind: 'negative-base'; rate: TaxRate; base: number }
  /** The stated tax is none of the exact tax rounded down, half-up or up. */
  | { kind: 'stated-tax-not-accepted'; rate: TaxRate; stated: number; accepted: AcceptedTaxes }
  /** A tax is stated for a rate no line has. */
  | { kind: 'stated-tax-without-lines'; rate: TaxRate }
  /** The same rate is stated twice. */
  | { kind: 'stated-tax-repeated'; rate: TaxRate }
  /** Nothing to pay. */
  | { kind: 'zero-total' };

export interface InvoiceTotals {
  amountsInclude: AmountsInclude;
  /** Tax excluded: Σ base for tax-excluded amounts, Σ (base − tax) for tax-included ones. */
  subtotal: number;
  /** Per rate present, highest rate first; the tax is the stated one where one is stated. */
  taxes: RateTotal[];
  /** The amount the invoice claims: Σ (base + tax) tax-excluded, Σ base tax-included. */
  total: number;
  /** Empty when the invoice may be accepted as it stands. */
  problems: TaxProblem[];
}

export interface TaxOptions {
  /** Tax-excluded unless given. */
  amountsInclude?: AmountsInclude;
  /** The tax stated per rate; a rate without one is rounded down. */
  statedTaxes?: readonly StatedTax[];
}

const TAX_RATES: readonly TaxRate[] = [10, 8, 0]; // descending: the order totals are listed in

function assertSafeYen(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of yen, got ${value}`);
  }
}

/**
 * The exact tax on a non-negative base, numerator / denominator, rounded each allowed way in
 * integer arithmetic (no floating-point fractions): base × rate / 100 when the base excludes
 * tax, base × rate / (100 + rate) when it includes it.
 */
export function acceptedTaxes(
  base: number,
  rate: TaxRate,
  amountsInclude: AmountsInclude = 'tax-excluded',
): AcceptedTaxes {
  assertSafeYen(base, `the ${rate}% base`);
  if (base < 0) throw new RangeError(`the ${rate}% base must not be negative, got ${base}`);
  const numerator = base * rate;
  const denominator = amountsInclude === 'tax-included' ? 100 + rate : 100;
  if (!Number.isSafeInteger(numerator * 2)) {
    throw new RangeError(`tax base ${base} at ${rate}% is too large to compute exactly`);
  }
  const remainder = numerator % denominator;
  const down = (numerator - remainder) / denominator;
  return {
    down,
    halfUp: remainder * 2 >= denominator ? down + 1 : down,
    up: remainder === 0 ? down : down + 1,
  };
}

/** The tax of a rate nobody stated: rounded down; toward zero for a (refused) negative base. */
function roundedDownTax(base: number, rate: TaxRate, amountsInclude: AmountsInclude): number {
  const { down } = acceptedTaxes(Math.abs(base), rate, amountsInclude);
  return base < 0 ? -down : down;
}

function isAccepted(stated: number, accepted: AcceptedTaxes): boolean {
  return stated === accepted.down || stated === accepted.halfUp || stated === accepted.up;
}

/**
 * Sums line amounts per rate and takes each rate's tax as stated (checked against the exact
 * figure) or rounded down. Throws RangeError only for input no invoice can have (fractional
 * yen, an unknown rate, sums beyond exact integers); everything an issuer may get wrong is
 * reported in `problems`, so a preview can show the figures and what is wrong with them.
 */
export function computeInvoiceTotals(
  lines: readonly InvoiceLine[],
  options: TaxOptions = {},
): InvoiceTotals {
  const amountsInclude = options.amountsInclude ?? 'tax-excluded';
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

  const problems: TaxProblem[] = [];
  const statedByRate = new Map<TaxRate, number>();
  for (const { rate, tax } of options.statedTaxes ?? []) {
    assertSafeYen(tax, `the stated ${rate}% tax`);
    if (statedByRate.has(rate)) problems.push({ kind: 'stated-tax-repeated', rate });
    else if (!baseByRate.has(rate)) problems.push({ kind: 'stated-tax-without-lines', rate });
    statedByRate.set(rate, tax);
  }

  const taxes = TAX_RATES.filter((rate) => baseByRate.has(rate)).map((rate) => {
    const base = baseByRate.get(rate) ?? 0;
    if (base < 0) {
      problems.push({ kind: 'negative-base', rate, base });
      return { rate, base, tax: roundedDownTax(base, rate, amountsInclude) };
    }
    const stated = statedByRate.get(rate);
    if (stated === undefined)
      return { rate, base, tax: roundedDownTax(base, rate, amountsInclude) };
    const accepted = acceptedTaxes(base, rate, amountsInclude);
    if (!isAccepted(stated, accepted)) {
      problems.push({ kind: 'stated-tax-not-accepted', rate, stated, accepted });
    }
    return { rate, base, tax: stated };
  });

  const sumBases = taxes.reduce((sum, { base }) => sum + base, 0);
  const sumTaxes = taxes.reduce((sum, { tax }) => sum + tax, 0);
  const subtotal = amountsInclude === 'tax-included' ? sumBases - sumTaxes : sumBases;
  const total = amountsInclude === 'tax-included' ? sumBases : sumBases + sumTaxes;
  assertSafeYen(subtotal, 'the subtotal');
  assertSafeYen(total, 'the total');
  if (total === 0) problems.push({ kind: 'zero-total' });
  return { amountsInclude, subtotal, taxes, total, problems };
}
