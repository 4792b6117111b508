// A JP PINT credit note (適格返還請求書, UBL CreditNote 381) as the city receives it: the one
// invoice it corrects, what it returns per rate, and whether that invoice may still be reduced.
// Pure: the use case reads the document, the invoice and the projections.
import type { EInvoiceDocument } from '@denpyo/jp-pint';
import { ok, refuse, type Outcome, type Refused } from '@denpyo/platform/outcome';
import type { InvoiceStatus, TaxBreakdown } from '@denpyo/schemas';
import { E_INVOICE_RULES, refuseRule, taxesByRate } from './e-invoice';

export const CREDIT_NOTE_ELEMENTS = {
  billingReference: '/CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID',
  payable: '/CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount',
  supplierParty: '/CreditNote/cac:AccountingSupplierParty/cac:Party',
} as const;

export const CREDIT_NOTE_RULES = {
  billingReference: 'denpyo-billing-reference',
  payable: 'denpyo-credit-payable',
} as const;

/**
 * A refusal by a rule shared with invoices (seller, date), its elements named under the credit
 * note's root: the shared rules name them as an Invoice holds them.
 */
export function onCreditNote(refused: Refused): Refused {
  const errors = refused.refusal.errors?.map((error) => ({
    ...error,
    path: error.path.replace(/^\/Invoice(?=\/|$)/, '/CreditNote'),
  }));
  return errors ? { ok: false, refusal: { ...refused.refusal, errors } } : refused;
}

/** What a credit note returns: per rate as stated, and in all (its cbc:PayableAmount). */
export interface CreditFigures {
  taxes: TaxBreakdown[];
  total: number;
}

/**
 * The number of the invoice a credit note corrects: exactly one cac:BillingReference, so that
 * what it returns is taken off one invoice only.
 */
export function creditedInvoiceNumber(document: EInvoiceDocument): Outcome<string> {
  const numbers = document.precedingInvoiceNumbers.map((number) => number.trim()).filter(Boolean);
  if (numbers.length === 1) return ok(numbers[0]!);
  return refuseRule(
    CREDIT_NOTE_RULES.billingReference,
    CREDIT_NOTE_ELEMENTS.billingReference,
    numbers.length === 0
      ? '返還請求書が返還の対象とする請求書の番号を記載してください'
      : `返還請求書が対象とする請求書は1件にしてください（${numbers.join('、')}）`,
  );
}

/** A credit note's figures as stated; their per-rate sums must be its cbc:PayableAmount. */
export function toCreditFigures(document: EInvoiceDocument): Outcome<CreditFigures> {
  const taxes = [...taxesByRate(document)]
    .map(([rate, { base, tax }]) => ({ rate, base, tax }))
    .sort((a, b) => b.rate - a.rate);
  const sum = taxes.reduce((total, { base, tax }) => total + base + tax, 0);
  const total = document.totals.payable;
  if (sum !== total || total <= 0) {
    return refuseRule(
      E_INVOICE_RULES.receipt,
      CREDIT_NOTE_ELEMENTS.payable,
      `返還額 ${total} 円が、税率ごとの課税標準額と消費税額の合計 ${sum} 円と一致しないか、0 円以下です`,
    );
  }
  return ok({ taxes, total });
}

/** What the credit decision needs of the invoice it corrects. */
export interface CreditedInvoice {
  invoiceNumber: string;
  status: InvoiceStatus;
  withholdingTax: number;
  payableTotal: number;
}

/**
 * A credit reduces an invoice only before its payment order: once ordered (支出命令済み) or paid,
 * the money is spent from the budget and only a refund (戻入) brings it back (409); a rejected
 * invoice pays nothing (422). An invoice with withholding is not credited: the withheld tax
 * would have to be recomputed per line (422). It may return at most what is left payable.
 */
export function decideCredit(invoice: CreditedInvoice, credit: CreditFigures): Outcome<void> {
  if (invoice.status === 'approved') {
    return refuse(
      'conflict',
      `請求書 ${invoice.invoiceNumber} は支出命令済みのため、返還請求書で減額できません。戻入の手続をしてください`,
    );
  }
  if (invoice.status === 'rejected') {
    return refuseRule(
      CREDIT_NOTE_RULES.billingReference,
      CREDIT_NOTE_ELEMENTS.billingReference,
      `請求書 ${invoice.invoiceNumber} は返戻済みのため、返還請求書は受け付けられません`,
    );
  }
  if (invoice.withholdingTax > 0) {
    return refuseRule(
      E_INVOICE_RULES.withholding,
      CREDIT_NOTE_ELEMENTS.supplierParty,
      `請求書 ${invoice.invoiceNumber} は源泉徴収があるため、返還請求書では減額できません。請求書を返戻して再提出を依頼してください`,
    );
  }
  if (credit.total > invoice.payableTotal) {
    return refuseRule(
      CREDIT_NOTE_RULES.payable,
      CREDIT_NOTE_ELEMENTS.payable,
      `返還額 ${credit.total} 円が、請求書 ${invoice.invoiceNumber} の残りの支払額 ${invoice.payableTotal} 円を超えています`,
    );
  }
  return ok(undefined);
}
