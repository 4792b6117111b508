// The reading of a JP PINT e-invoice as the city receives it. The invoice service depends on
// these names: add to them, never rename them.

/** urn:peppol:pint:billing-1@jp-1 (適格請求書) / urn:peppol:pint:nontaxinvoice-1@jp-1 (区分記載請求書等). */
export type JpPintSpecification = 'billing' | 'nontax';

export interface RuleViolation {
  /** The rule id where the specification has one (e.g. 'jp-br-co-01'), else a Denpyo id. */
  rule: string;
  /** XPath-like path with UBL's usual prefixes, e.g. '/Invoice/cac:TaxTotal/cac:TaxSubtotal[2]/cbc:TaxAmount'. */
  element: string;
  /** Japanese, for a clerk: the stated figure and what was expected. */
  message: string;
}

export interface EInvoicePeriod {
  start: string;
  end: string;
}

export interface EInvoiceLine {
  id: string;
  description: string;
  /** cbc:LineExtensionAmount, whole yen (tax excluded). */
  amount: number;
  taxCategory: string;
  taxRate: number;
  quantity?: number;
  unitCode?: string;
  period?: EInvoicePeriod;
}

export interface EInvoiceTax {
  category: string;
  rate: number;
  base: number;
  tax: number;
}

export interface EInvoiceDocument {
  specification: JpPintSpecification;
  customizationId: string;
  profileId?: string;
  documentKind: 'invoice' | 'credit-note';
  typeCode: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate?: string;
  currency: 'JPY';
  /** Carries the contract's id or document number. */
  buyerReference?: string;
  orderReference?: string;
  /** cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID */
  precedingInvoiceNumbers: string[];
  seller: { name: string; registrationNumber?: string; corporateNumber?: string };
  buyer: { name: string };
  period?: EInvoicePeriod;
  lines: EInvoiceLine[];
  taxes: EInvoiceTax[];
  totals: {
    lineExtension: number;
    taxExclusive: number;
    taxInclusive: number;
    allowance: number;
    charge: number;
    prepaid: number;
    payable: number;
  };
  /** cac:PaymentMeans/cac:PayeeFinancialAccount */
  payeeAccount?: {
    bankCode?: string;
    branchCode?: string;
    accountNumber: string;
    accountType?: string;
    holderName?: string;
  };
}

export type JpPintReading =
  | { ok: true; document: EInvoiceDocument }
  /** → HTTP 400: not well-formed, DTD/DOCTYPE, too large, not UTF-8, not UBL. */
  | { ok: false; kind: 'malformed'; message: string }
  /** → HTTP 422 */
  | { ok: false; kind: 'rules'; violations: RuleViolation[] };
