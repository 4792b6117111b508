// 源泉徴収 on fees paid to individuals (報酬・料金, 所得税法 Art. 204 (1), Art. 205 (ii)): 10% of
// a payment up to 1,000,000 yen and 20% of the excess, each plus 2.1% of itself as 復興特別所得税
// (東日本大震災からの復興のための施策を実施するために必要な財源の確保に関する特別措置法 Art. 28):
// 10.21% and 20.42%, the sum rounded down to the yen (国税庁 タックスアンサー No. 2795 and
// 「源泉徴収のあらまし」: fractions under one yen are cut). When the invoice shows the consumption tax
// separately, the tax-excluded fee may be the base (国税庁 通達 平成元年直法6-1); so the base is
// the withholding lines' amounts as the invoice states them — tax-excluded or tax-included.
//
// Pure and browser-safe: the web application's live preview runs these same functions.

/** The part of one payment taxed at the lower rate. */
export const WITHHOLDING_LOWER_BRACKET = 1_000_000;
// Rates in 1/10000: integer arithmetic, so 10.21% of any yen amount is exact before rounding.
const LOWER_RATE_PER_10000 = 1021;
const UPPER_RATE_PER_10000 = 2042;

/** The tax withheld from a fee of `amount` yen (a non-negative integer). */
export function withholdingTax(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`a withholding base must be a non-negative integer yen, got ${amount}`);
  }
  const lower = Math.min(amount, WITHHOLDING_LOWER_BRACKET);
  const upper = amount - lower;
  const perTenThousand = lower * LOWER_RATE_PER_10000 + upper * UPPER_RATE_PER_10000;
  if (!Number.isSafeInteger(perTenThousand)) {
    throw new RangeError(`a withholding base of ${amount} is too large to compute exactly`);
  }
  return (perTenThousand - (perTenThousand % 10_000)) / 10_000;
}

export interface WithholdingLine {
  amount: number;
  withholding?: boolean;
}

export interface Withholding {
  /** The sum of the withholding lines' amounts. */
  base: number;
  /** The tax withheld; 0 when no line is subject to it or their sum is not positive. */
  tax: number;
}

/**
 * The withholding of one invoice: its base is the sum of the lines marked `withholding`. A
 * negative base (discounts beyond the fees) is returned with no tax; the invoice service
 * refuses it, a preview shows it.
 */
export function computeWithholding(lines: readonly WithholdingLine[]): Withholding {
  const base = lines.reduce((sum, line) => (line.withholding ? sum + line.amount : sum), 0);
  return { base, tax: base > 0 ? withholdingTax(base) : 0 };
}
