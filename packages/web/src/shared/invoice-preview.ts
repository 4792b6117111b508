// The live tax preview of an invoice being typed: lines as they stand in the form (strings), the
// totals as the invoice service will compute them — @denpyo/jp's computeInvoiceTotals itself:
// tax once per rate on that rate's summed base, rounded down (qualified-invoice rule).
import { computeInvoiceTotals, type InvoiceTotals, type TaxRate } from '@denpyo/jp';
import { parseYen } from '../format';

export interface LineInput {
  description: string;
  /** Tax-excluded, as typed ('1,000', '１０００円' …). */
  amount: string;
  taxRate: string;
}

export interface InvoicePreview {
  /** Undefined until at least one line has an amount. */
  totals: InvoiceTotals | undefined;
  /** Indexes of lines whose amount is typed but is not a whole positive yen amount. */
  unreadable: number[];
}

const RATES: readonly TaxRate[] = [10, 8, 0];

function asRate(value: string): TaxRate | undefined {
  const n = Number(value);
  return RATES.find((rate) => rate === n);
}

export function previewInvoice(lines: readonly LineInput[]): InvoicePreview {
  const counted: { amount: number; taxRate: TaxRate }[] = [];
  const unreadable: number[] = [];
  lines.forEach((line, index) => {
    if (line.amount.trim() === '') return;
    const amount = parseYen(line.amount);
    const taxRate = asRate(line.taxRate);
    if (amount === undefined || amount === 0 || taxRate === undefined) {
      unreadable.push(index);
      return;
    }
    counted.push({ amount, taxRate });
  });
  return { totals: counted.length > 0 ? computeInvoiceTotals(counted) : undefined, unreadable };
}
