// A JP PINT e-invoice as the city receives it: which contract it names, whether its seller is the
// contract's vendor, the invoice request it states, and where a receipt rule's refusal lies in
// the XML. Pure: the use case reads the document (@denpyo/jp-pint) and the projections.
import type { EInvoiceDocument, RuleViolation } from '@denpyo/jp-pint';
import { ok, refuse, type FieldError, type Outcome, type Refused } from '@denpyo/platform/outcome';
import type {
  BankAccount,
  InvoiceCreateRequest,
  InvoiceLine,
  StatedPayeeAccount,
  TaxRate,
} from '@denpyo/schemas';

const SUPPLIER_PARTY = '/Invoice/cac:AccountingSupplierParty/cac:Party';

/** Where the XML states what a receipt rule checks (an InvoiceCreateRequest path's element). */
export const E_INVOICE_ELEMENTS = {
  registrationNumber: `${SUPPLIER_PARTY}/cac:PartyTaxScheme/cbc:CompanyID`,
  corporateNumber: `${SUPPLIER_PARTY}/cac:PartyLegalEntity/cbc:CompanyID`,
  buyerReference: '/Invoice/cbc:BuyerReference',
  orderReference: '/Invoice/cac:OrderReference/cbc:ID',
  issueDate: '/Invoice/cbc:IssueDate',
  prepaid: '/Invoice/cac:LegalMonetaryTotal/cbc:PrepaidAmount',
  payable: '/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount',
  lines: '/Invoice/cac:InvoiceLine',
  taxSubtotals: '/Invoice/cac:TaxTotal/cac:TaxSubtotal',
} as const;

/** What Denpyo itself refuses in an e-invoice, beside the specification's own rules. */
export const E_INVOICE_RULES = {
  contract: 'denpyo-contract-reference',
  registrationNumber: 'denpyo-seller-registration-number',
  corporateNumber: 'denpyo-seller-corporate-number',
  prepaid: 'denpyo-prepaid-not-supported',
  taxRate: 'denpyo-tax-rate',
  withholding: 'denpyo-withholding',
  receipt: 'denpyo-receipt',
  statedTax: 'jp-br-co-01',
} as const;

/** Refuses with 422 naming each rule and element (`errors[].rule`, `errors[].path`). */
export function refuseViolations(violations: readonly RuleViolation[]): Refused {
  const errors = violations.map(({ rule, element, message }) => ({ path: element, rule, message }));
  return refuse(
    'unprocessable',
    violations.map((v) => `${v.rule}: ${v.message}`).join('; '),
    errors,
  );
}

export function refuseRule(rule: string, element: string, message: string): Refused {
  return refuseViolations([{ rule, element, message }]);
}

/** The contract reference an e-invoice carries, and the element it is in. */
export function contractReference(
  document: EInvoiceDocument,
): Outcome<{ reference: string; element: string }> {
  const reference = document.buyerReference?.trim() || document.orderReference?.trim();
  if (!reference) {
    return refuseRule(
      E_INVOICE_RULES.contract,
      E_INVOICE_ELEMENTS.buyerReference,
      '契約を特定できません。cbc:BuyerReference または cac:OrderReference/cbc:ID に契約ID か契約番号を記載してください',
    );
  }
  const element = document.buyerReference?.trim()
    ? E_INVOICE_ELEMENTS.buyerReference
    : E_INVOICE_ELEMENTS.orderReference;
  return ok({ reference, element });
}

export function refuseUnknownContract(reference: string, element: string): Refused {
  return refuseRule(
    E_INVOICE_RULES.contract,
    element,
    `契約「${reference}」は見つからないか、まだ決裁されていません`,
  );
}

/** What this rule needs of the vendor: its numbers on file. */
export interface SellerOnFile {
  kind: 'corporation' | 'individual';
  invoiceRegistrationNumber: string | null;
  corporateNumber: string | null;
}

/**
 * Refuses what Denpyo does not receive this round (prepaid amounts) and a tax rate it does not
 * know, before anything is looked up.
 */
export function checkEInvoice(document: EInvoiceDocument): Outcome<void> {
  if (document.totals.prepaid !== 0) {
    return refuseRule(
      E_INVOICE_RULES.prepaid,
      E_INVOICE_ELEMENTS.prepaid,
      `前払額 ${document.totals.prepaid} 円のある請求書は受け付けていません`,
    );
  }
  const line = document.lines.findIndex(({ taxRate }) => !isTaxRate(taxRate));
  if (line >= 0) {
    return refuseRule(
      E_INVOICE_RULES.taxRate,
      `${E_INVOICE_ELEMENTS.lines}[${line + 1}]/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent`,
      unknownRate(document.lines[line]!.taxRate),
    );
  }
  const subtotal = document.taxes.findIndex(({ rate }) => !isTaxRate(rate));
  if (subtotal >= 0) {
    return refuseRule(
      E_INVOICE_RULES.taxRate,
      `${E_INVOICE_ELEMENTS.taxSubtotals}[${subtotal + 1}]/cac:TaxCategory/cbc:Percent`,
      unknownRate(document.taxes[subtotal]!.rate),
    );
  }
  return ok(undefined);
}

const unknownRate = (rate: number) => `税率 ${rate}% は扱えません（10%、8%、0% のみ）`;

/**
 * An individual's fee may be subject to withholding (所得税法 Art. 204), which the city as the
 * withholding agent must decide per line; JP PINT does not say it. Until staff can mark the lines
 * of a received e-invoice, an individual vendor's invoice is registered on the paper form, where
 * they can.
 */
export function checkWithholding(vendor: SellerOnFile | undefined): Outcome<void> {
  if (vendor?.kind !== 'individual') return ok(undefined);
  return refuseRule(
    E_INVOICE_RULES.withholding,
    SUPPLIER_PARTY,
    '個人の事業者の請求書は源泉徴収の要否を確認するため、電子インボイスでは受け付けていません。請求書の登録画面から登録してください',
  );
}

/**
 * A stated 法人番号 must be the vendor's. A corporation's T-number is `T` + its 法人番号, so the
 * vendor's T-number vouches for a 法人番号 the projection does not hold; the T-number itself is
 * the receipt rules' to check (`registrationNumber`).
 */
export function checkCorporateNumber(
  document: EInvoiceDocument,
  vendor: SellerOnFile | undefined,
): Outcome<void> {
  const stated = document.seller.corporateNumber;
  if (stated === undefined) return ok(undefined);
  const onFile =
    vendor?.corporateNumber ??
    (vendor?.kind === 'corporation' ? vendor.invoiceRegistrationNumber?.slice(1) : undefined);
  if (stated === onFile) return ok(undefined);
  return refuseRule(
    E_INVOICE_RULES.corporateNumber,
    E_INVOICE_ELEMENTS.corporateNumber,
    onFile
      ? `法人番号 ${stated} は契約の相手方の法人番号（${onFile}）と一致しません`
      : `法人番号 ${stated} を確認できません。契約の相手方の法人番号が登録されていません`,
  );
}

function isTaxRate(rate: number): rate is TaxRate {
  return rate === 10 || rate === 8 || rate === 0;
}

/** The description of the line that carries a rate's document-level allowances and charges. */
export const DOCUMENT_LEVEL_LINE = '請求書全体の値引・手数料';

/**
 * The invoice request an e-invoice states: its lines at their tax-excluded line amounts, and per
 * rate the tax of its cac:TaxSubtotal. A rate whose taxable amount differs from its lines' sum
 * (document-level allowances and charges, cac:AllowanceCharge) gets one line of that difference,
 * so each rate's base is the taxable amount as stated. No withholding: JP PINT does not mark it.
 */
export function toInvoiceRequest(
  document: EInvoiceDocument,
  contractId: string,
): InvoiceCreateRequest {
  const lines: InvoiceLine[] = document.lines.map((line) => ({
    description: line.description.slice(0, 200),
    amount: line.amount,
    taxRate: line.taxRate as TaxRate,
  }));
  const byRate = taxesByRate(document);
  for (const [rate, { base }] of byRate) {
    const linesBase = document.lines
      .filter((line) => line.taxRate === rate)
      .reduce((sum, line) => sum + line.amount, 0);
    if (base !== linesBase) {
      lines.push({ description: DOCUMENT_LEVEL_LINE, amount: base - linesBase, taxRate: rate });
    }
  }
  return {
    contractId,
    invoiceNumber: document.invoiceNumber,
    issueDate: document.issueDate,
    ...(document.seller.registrationNumber
      ? { registrationNumber: document.seller.registrationNumber }
      : {}),
    amountsInclude: 'tax-excluded',
    lines,
    statedTaxes: [...byRate].map(([rate, { tax }]) => ({ rate, tax })),
  };
}

/**
 * Per rate the taxable amount and tax an e-invoice states: its subtotals are one per category
 * and rate (E and O may both be 0%), a receipt states them per rate.
 */
export function taxesByRate(
  document: EInvoiceDocument,
): Map<TaxRate, { base: number; tax: number }> {
  const byRate = new Map<TaxRate, { base: number; tax: number }>();
  for (const { rate, base, tax } of document.taxes) {
    const sum = byRate.get(rate as TaxRate) ?? { base: 0, tax: 0 };
    byRate.set(rate as TaxRate, { base: sum.base + base, tax: sum.tax + tax });
  }
  return byRate;
}

/**
 * The receipt's total must be what the e-invoice asks to be paid (cbc:PayableAmount): the
 * figures are taken as stated, never recomputed into another amount.
 */
export function checkPayable(document: EInvoiceDocument, total: number): Outcome<void> {
  if (total === document.totals.payable) return ok(undefined);
  return refuseRule(
    E_INVOICE_RULES.receipt,
    E_INVOICE_ELEMENTS.payable,
    `請求金額 ${document.totals.payable} 円が、税率ごとの課税標準額と消費税額の合計 ${total} 円と一致しません`,
  );
}

/**
 * A receipt rule's refusal of the request an e-invoice stated, its fields named by the XML
 * elements that stated them (a stated tax's refusal is rule jp-br-co-01).
 */
export function inEInvoiceTerms(refused: Refused, contractElement: string): Refused {
  const errors = (refused.refusal.errors ?? [{ path: '', message: refused.refusal.message }]).map(
    (error): FieldError => ({ ...elementOf(error.path, contractElement), message: error.message }),
  );
  return { ok: false, refusal: { ...refused.refusal, errors } };
}

function elementOf(path: string, contractElement: string): { path: string; rule: string } {
  const [field, index, detail] = path.split('.');
  const at = (n: string | undefined) => (n === undefined ? '' : `[${Number(n) + 1}]`);
  switch (field) {
    case 'contractId':
      return { path: contractElement, rule: E_INVOICE_RULES.contract };
    case 'registrationNumber':
      return {
        path: E_INVOICE_ELEMENTS.registrationNumber,
        rule: E_INVOICE_RULES.registrationNumber,
      };
    case 'issueDate':
      return { path: E_INVOICE_ELEMENTS.issueDate, rule: E_INVOICE_RULES.receipt };
    case 'statedTaxes':
      return {
        path: `${E_INVOICE_ELEMENTS.taxSubtotals}${at(index)}/cbc:${detail === 'rate' ? 'Percent' : 'TaxAmount'}`,
        rule: E_INVOICE_RULES.statedTax,
      };
    case 'lines':
      return { path: `${E_INVOICE_ELEMENTS.lines}${at(index)}`, rule: E_INVOICE_RULES.receipt };
    default:
      return { path: '/Invoice', rule: E_INVOICE_RULES.receipt };
  }
}

/**
 * Whether the payee account an e-invoice states is other than the vendor's registered one (or
 * cannot be shown to be it): account number, bank and branch must all be stated and equal.
 */
export function payeeAccountDiffers(
  stated: StatedPayeeAccount | undefined,
  registered: BankAccount | null,
): boolean {
  if (!stated) return false;
  if (!registered) return true;
  const digits = (value: string) => value.replace(/\D/g, '').padStart(7, '0');
  return !(
    stated.bankCode === registered.bankCode &&
    stated.branchCode === registered.branchCode &&
    digits(stated.accountNumber) === digits(registered.number)
  );
}
