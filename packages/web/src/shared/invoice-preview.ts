// The live preview of an invoice being typed, with @denpyo/jp's own functions (the ones the
// invoice service runs): per rate, the base (discount lines may be negative), the tax the
// invoice states — accepted when it equals the exact tax rounded down, half-up or up — or,
// where none is stated, rounded down; the total; and for an individual's fees the 源泉徴収
// (10.21% up to ¥1,000,000, 20.42% above) and the net amount transferred.
import {
  acceptedTaxes,
  computeInvoiceTotals,
  computeWithholding,
  type AcceptedTaxes,
  type AmountsInclude,
  type InvoiceTotals,
  type TaxRate,
  type Withholding,
} from '@denpyo/jp';

export interface LineInput {
  description: string;
  /** As typed ('1,000', '１０００円', '-500', '▲500' …), tax-excluded or -included per the invoice. */
  amount: string;
  taxRate: string;
  /** 源泉徴収 applies to this line (an individual's fee). */
  withholding: boolean;
}

/** The tax typed per rate; a rate absent (or blank) is not stated and follows the rounded-down figure. */
export type StatedInputs = Partial<Record<`${TaxRate}`, string>>;

export interface RatePreview {
  rate: TaxRate;
  base: number;
  /** The tax counted: the stated one when stated and readable, else rounded down. */
  tax: number;
  /** The figures the invoice may state (undefined for a negative base). */
  accepted: AcceptedTaxes | undefined;
  /** What was typed for this rate, read (undefined: not stated or unreadable). */
  stated: number | undefined;
  problem?: 'negative-base' | 'not-accepted' | 'unreadable';
}

export interface InvoicePreview {
  /** Undefined until at least one line has an amount. */
  totals: InvoiceTotals | undefined;
  rates: RatePreview[];
  /** Indexes of lines whose amount is typed but is not a whole yen amount (or is 0). */
  unreadable: number[];
  /** Undefined when no line is marked for withholding (or withholding does not apply). */
  withholding: Withholding | undefined;
  /** total − withheld tax: what the transfer will carry. */
  net: number | undefined;
}

const RATES: readonly TaxRate[] = [10, 8, 0];

function asRate(value: string): TaxRate | undefined {
  const n = Number(value);
  return RATES.find((rate) => rate === n);
}

/**
 * A signed yen amount as people type it: full-width digits, commas, ¥, 円, and a minus sign —
 * also ▲ or △, as Japanese invoices mark a discount. Undefined when it is not a whole amount.
 */
export function parseSignedYen(input: string): number | undefined {
  const text = input.normalize('NFKC').replace(/[\s,¥\\円]/g, '');
  const match = /^([-−ー▲△]?)(\d{1,16})$/.exec(text);
  if (!match) return undefined;
  const n = Number(match[2]);
  if (!Number.isSafeInteger(n)) return undefined;
  return match[1] ? -n : n;
}

export function previewInvoice(
  lines: readonly LineInput[],
  options: {
    amountsInclude?: AmountsInclude;
    stated?: StatedInputs;
    /** Withholding applies only to an individual vendor's lines. */
    withholdingAllowed?: boolean;
  } = {},
): InvoicePreview {
  const amountsInclude = options.amountsInclude ?? 'tax-excluded';
  const counted: { amount: number; taxRate: TaxRate; withholding: boolean }[] = [];
  const unreadable: number[] = [];
  lines.forEach((line, index) => {
    if (line.amount.trim() === '') return;
    const amount = parseSignedYen(line.amount);
    const taxRate = asRate(line.taxRate);
    if (amount === undefined || amount === 0 || taxRate === undefined) {
      unreadable.push(index);
      return;
    }
    counted.push({ amount, taxRate, withholding: line.withholding });
  });
  if (counted.length === 0) {
    return { totals: undefined, rates: [], unreadable, withholding: undefined, net: undefined };
  }

  const present = new Set(counted.map((line) => line.taxRate));
  const stated: { rate: TaxRate; tax: number }[] = [];
  const unreadableStated = new Set<TaxRate>();
  for (const rate of RATES) {
    const typed = options.stated?.[`${rate}`]?.trim();
    if (!present.has(rate) || typed === undefined || typed === '') continue;
    const tax = parseSignedYen(typed);
    if (tax === undefined || tax < 0) unreadableStated.add(rate);
    else stated.push({ rate, tax });
  }
  const totals = computeInvoiceTotals(counted, { amountsInclude, statedTaxes: stated });
  const rates: RatePreview[] = totals.taxes.map(({ rate, base, tax }) => {
    const accepted = base >= 0 ? acceptedTaxes(base, rate, amountsInclude) : undefined;
    const statedTax = stated.find((entry) => entry.rate === rate)?.tax;
    const problem = totals.problems.find(
      (p) =>
        (p.kind === 'negative-base' || p.kind === 'stated-tax-not-accepted') && p.rate === rate,
    );
    return {
      rate,
      base,
      tax,
      accepted,
      stated: statedTax,
      ...(problem?.kind === 'negative-base'
        ? { problem: 'negative-base' as const }
        : unreadableStated.has(rate)
          ? { problem: 'unreadable' as const }
          : problem
            ? { problem: 'not-accepted' as const }
            : {}),
    };
  });
  const marked = options.withholdingAllowed && counted.some((line) => line.withholding);
  const withholding = marked ? computeWithholding(counted) : undefined;
  return {
    totals,
    rates,
    unreadable,
    withholding,
    net: totals.total - (withholding?.tax ?? 0),
  };
}
