// Reads a JP PINT e-invoice (UBL 2.1 Invoice or CreditNote) as the city receives it: the XML is
// refused outright (→ 400) when it is not a safe, well-formed UBL document; otherwise every rule
// a receiver needs is checked and every violation is reported with its rule and element (→ 422);
// only a document without violations is returned.
import { isValidCorporateNumber, isValidRegistrationNumber, isoDateToUtc } from '@denpyo/jp';
import {
  checkBreakdown,
  checkTotals,
  type AllowanceChargeFigures,
  type InvoiceFigures,
  type LineFigures,
  type Stated,
  type SubtotalFigures,
} from './figures';
import type {
  EInvoiceDocument,
  EInvoiceLine,
  EInvoicePeriod,
  JpPintReading,
  JpPintSpecification,
  RuleViolation,
} from './types';
import {
  UBL_NAMESPACES,
  attributeOf,
  childAt,
  childrenOf,
  pathOf,
  rootNode,
  textOf,
  type ComponentName,
  type UblNode,
} from './ubl';
import { XmlRefused, parseXml } from './xml';

/** The largest document read: 2 MiB, far above any invoice, far below a memory problem. */
export const JP_PINT_MAX_BYTES = 2 * 1024 * 1024;

export const JP_PINT_SPECIFICATIONS: Readonly<Record<JpPintSpecification, string>> = {
  billing: 'urn:peppol:pint:billing-1@jp-1',
  nontax: 'urn:peppol:pint:nontaxinvoice-1@jp-1',
};

/** UNCL5305 codes JP PINT allows: standard, reduced, exempt, export, not subject to tax. */
const JP_TAX_CATEGORIES = ['S', 'AA', 'E', 'G', 'O'];
const WHOLE_YEN = /^[+-]?\d+(\.0+)?$/;
const REGISTRATION_NUMBER_FORMAT = /^T\d{13}$/;
const CORPORATE_NUMBER_SCHEME = '0188';
/** The JP PINT examples write a Japanese account as one identifier: bank:branch:type:number. */
const COMBINED_ACCOUNT_ID =
  /^(?<bankCode>\d{4}):(?<branchCode>\d{3}):(?<accountType>\d):(?<accountNumber>\d{1,8})$/;

/** 'YYYY-MM-DD' naming a day that exists (not 2026-02-30). */
function isIsoDate(value: string): boolean {
  try {
    isoDateToUtc(value);
    return true;
  } catch {
    return false;
  }
}

const malformed = (message: string): JpPintReading => ({ ok: false, kind: 'malformed', message });

export function readJpPint(
  xml: Uint8Array | string,
  { maxBytes = JP_PINT_MAX_BYTES }: { maxBytes?: number } = {},
): JpPintReading {
  const size = typeof xml === 'string' ? Buffer.byteLength(xml, 'utf8') : xml.byteLength;
  if (size > maxBytes) {
    return malformed(
      `ファイルが大きすぎます（${size.toLocaleString('ja-JP')}バイト。上限は${maxBytes.toLocaleString('ja-JP')}バイト）`,
    );
  }
  let text: string;
  if (typeof xml === 'string') {
    text = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(xml); // drops a UTF-8 BOM
    } catch {
      return malformed('UTF-8として読めないファイルです（文字コードはUTF-8のみ受け付けます）');
    }
  }
  let root;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlRefused) return malformed(error.message);
    throw error;
  }
  if (root.local !== 'Invoice' && root.local !== 'CreditNote') {
    return malformed(
      `UBLの請求書（Invoice）または返還請求書（CreditNote）ではありません（ルート要素 ${root.local}）`,
    );
  }
  const expectedUri = root.local === 'Invoice' ? UBL_NAMESPACES.invoice : UBL_NAMESPACES.creditNote;
  if (root.uri !== expectedUri) {
    return rulesFailed([
      {
        rule: 'ubl-namespace',
        element: `/${root.local}`,
        message: `ルート要素 ${root.local} の名前空間が「${root.uri || '（なし）'}」です。UBL 2.1 の「${expectedUri}」である必要があります`,
      },
    ]);
  }
  const reader = new DocumentReader(rootNode(root));
  const document = reader.read();
  // read() returns a document only when it found no violation.
  return document ? { ok: true, document } : rulesFailed(reader.violations);
}

function rulesFailed(violations: RuleViolation[]): JpPintReading {
  return { ok: false, kind: 'rules', violations };
}

/** Reads one document, collecting every violation instead of stopping at the first. */
class DocumentReader {
  readonly violations: RuleViolation[] = [];
  private readonly isCreditNote: boolean;
  /** Per-amount currency checks only make sense once the document currency is yen. */
  private documentInYen = true;

  constructor(private readonly root: UblNode) {
    this.isCreditNote = root.element.local === 'CreditNote';
  }

  private fail(rule: string, element: string, message: string): void {
    this.violations.push({ rule, element, message });
  }

  /** A text the invoice must state: reports `rule` when it is absent. */
  private required(
    parent: UblNode,
    names: ComponentName[],
    rule: string,
    label: string,
  ): string | undefined {
    const value = textOf(childAt(parent, ...names));
    if (value === undefined) this.fail(rule, pathOf(parent, ...names), `${label}がありません`);
    return value;
  }

  private date(
    parent: UblNode,
    name: ComponentName,
    rule: string,
    label: string,
    needed: boolean,
  ): string | undefined {
    const node = childAt(parent, name);
    const value = textOf(node);
    if (value === undefined) {
      if (needed) this.fail(rule, pathOf(parent, name), `${label}がありません`);
      return undefined;
    }
    if (!isIsoDate(value)) {
      this.fail(rule, node!.path, `${label}「${value}」は YYYY-MM-DD 形式の日付ではありません`);
      return undefined;
    }
    return value;
  }

  /** A yen amount: currencyID JPY and no fraction other than .0. */
  private amount(node: UblNode | undefined, label: string): Stated<number> | undefined {
    const raw = textOf(node);
    if (!node || raw === undefined) return undefined;
    const currency = attributeOf(node, 'currencyID');
    if (this.documentInYen && currency !== 'JPY') {
      this.fail(
        'jp-currency-jpy',
        node.path,
        `${label}の通貨が「${currency ?? '（なし）'}」です。金額はすべて日本円（currencyID="JPY"）で記載してください`,
      );
    }
    if (!WHOLE_YEN.test(raw) || !Number.isSafeInteger(Number(raw))) {
      this.fail(
        'jp-whole-yen',
        node.path,
        `${label}「${raw}」は円単位の整数ではありません（日本円に小数はありません）`,
      );
      return undefined;
    }
    return { value: Number(raw), path: node.path };
  }

  private requiredAmount(
    parent: UblNode,
    name: ComponentName,
    rule: string,
    label: string,
  ): Stated<number> | undefined {
    const node = childAt(parent, name);
    if (!node || textOf(node) === undefined) {
      this.fail(rule, pathOf(parent, name), `${label}がありません`);
      return undefined;
    }
    return this.amount(node, label);
  }

  private percent(node: UblNode, label: string): number | undefined {
    const raw = textOf(node) ?? '';
    if (!/^\d+(\.\d+)?$/.test(raw)) {
      this.fail('jp-tax-rate', node.path, `${label}の税率「${raw}」は数値ではありません`);
      return undefined;
    }
    return Number(raw);
  }

  /** A category code and rate; 'O' (not subject to tax) alone may state no rate. */
  private taxCategory(
    category: UblNode | undefined,
    missingPath: string,
    rule: string,
    label: string,
  ): { category: string; rate: number } | undefined {
    const code = textOf(childAt(category, 'cbc:ID'));
    const percentNode = childAt(category, 'cbc:Percent');
    if (!category || code === undefined || (!percentNode && code !== 'O')) {
      this.fail(
        rule,
        category?.path ?? missingPath,
        `${label}に税区分（ID）と税率（Percent）の両方が必要です`,
      );
      return undefined;
    }
    const rate = percentNode ? this.percent(percentNode, label) : 0;
    if (rate === undefined) return undefined;
    if (!JP_TAX_CATEGORIES.includes(code)) {
      this.fail(
        'aligned-ibrp-cl-01-jp',
        childAt(category, 'cbc:ID')!.path,
        `${label}の税区分「${code}」は使えません（S・AA・E・G・O のいずれか）`,
      );
    }
    const scheme = textOf(childAt(category, 'cac:TaxScheme', 'cbc:ID'));
    if (scheme !== 'VAT') {
      this.fail(
        'aligned-ibr-jp-03',
        pathOf(category, 'cac:TaxScheme', 'cbc:ID'),
        `${label}の税の種類（TaxScheme）が「${scheme ?? '（なし）'}」です。消費税は VAT と記載します`,
      );
    }
    return { category: code, rate };
  }

  /** `incomplete`: the rule for a missing or invalid date; `reversed`: for an end before the start. */
  private period(
    parent: UblNode,
    label: string,
    rules: { incomplete: string; reversed: string },
  ): EInvoicePeriod | undefined {
    const node = childAt(parent, 'cac:InvoicePeriod');
    if (!node) return undefined;
    const start = this.date(node, 'cbc:StartDate', rules.incomplete, `${label}の開始日`, true);
    const end = this.date(node, 'cbc:EndDate', rules.incomplete, `${label}の終了日`, true);
    if (start === undefined || end === undefined) return undefined;
    if (end < start) {
      this.fail(
        rules.reversed,
        pathOf(node, 'cbc:EndDate'),
        `${label}の終了日 ${end} が開始日 ${start} より前です`,
      );
    }
    return { start, end };
  }

  private specification():
    { specification: JpPintSpecification; customizationId: string } | undefined {
    const customizationId = this.required(
      this.root,
      ['cbc:CustomizationID'],
      'ibr-01',
      '仕様識別子（CustomizationID）',
    );
    if (customizationId === undefined) return undefined;
    const entry = (Object.entries(JP_PINT_SPECIFICATIONS) as [JpPintSpecification, string][]).find(
      ([, id]) => customizationId.startsWith(id),
    );
    if (!entry) {
      this.fail(
        'jp-pint-specification',
        pathOf(this.root, 'cbc:CustomizationID'),
        `仕様識別子「${customizationId}」は JP PINT（${JP_PINT_SPECIFICATIONS.billing}）でも適格請求書発行事業者以外のもの（${JP_PINT_SPECIFICATIONS.nontax}）でもありません`,
      );
      return undefined;
    }
    return { specification: entry[0], customizationId };
  }

  private typeCode(): string | undefined {
    const name: ComponentName = this.isCreditNote
      ? 'cbc:CreditNoteTypeCode'
      : 'cbc:InvoiceTypeCode';
    const code = this.required(this.root, [name], 'ibr-04', '請求書の種類（TypeCode）');
    const expected = this.isCreditNote ? '381' : '380';
    if (code !== undefined && code !== expected) {
      this.fail(
        this.isCreditNote ? 'jp-credit-note-type-code' : 'aligned-ibrp-cl-02-jp',
        pathOf(this.root, name),
        `請求書の種類コード「${code}」は受け付けません（${this.isCreditNote ? 'CreditNote は 381' : 'Invoice は 380'}）`,
      );
    }
    return code;
  }

  private currencies(): void {
    const currency = this.required(
      this.root,
      ['cbc:DocumentCurrencyCode'],
      'ibr-05',
      '通貨コード（DocumentCurrencyCode）',
    );
    if (currency !== undefined && currency !== 'JPY') {
      this.documentInYen = false;
      this.fail(
        'jp-currency-jpy',
        pathOf(this.root, 'cbc:DocumentCurrencyCode'),
        `通貨コードが「${currency}」です。市が受け付けるのは日本円（JPY）の請求書だけです`,
      );
    }
    const taxCurrency = childAt(this.root, 'cbc:TaxCurrencyCode');
    const taxCurrencyCode = textOf(taxCurrency);
    if (taxCurrency && taxCurrencyCode !== 'JPY') {
      this.fail(
        'aligned-ibr-jp-05',
        taxCurrency.path,
        `税額の通貨コード（TaxCurrencyCode）が「${taxCurrencyCode ?? '（なし）'}」です。記載する場合は JPY に限られます`,
      );
    }
  }

  private seller(specification: JpPintSpecification | undefined): EInvoiceDocument['seller'] {
    const party = childAt(this.root, 'cac:AccountingSupplierParty', 'cac:Party');
    const partyPath = pathOf(this.root, 'cac:AccountingSupplierParty', 'cac:Party');
    const name =
      textOf(childAt(party, 'cac:PartyLegalEntity', 'cbc:RegistrationName')) ??
      textOf(childAt(party, 'cac:PartyName', 'cbc:Name'));
    if (name === undefined) {
      this.fail(
        'ibr-06',
        `${partyPath}/cac:PartyLegalEntity/cbc:RegistrationName`,
        '売り手の名称がありません',
      );
    }
    const taxIds = childrenOf(party, 'cac:PartyTaxScheme').filter((scheme) =>
      ['VAT', 'TAX'].includes(
        textOf(childAt(scheme, 'cac:TaxScheme', 'cbc:ID'))?.toUpperCase() ?? '',
      ),
    );
    const taxIdNode = childAt(taxIds[0], 'cbc:CompanyID');
    const registrationNumber = textOf(taxIdNode);
    if (specification === 'billing') {
      if (registrationNumber === undefined) {
        this.fail(
          'aligned-ibr-jp-04',
          `${partyPath}/cac:PartyTaxScheme/cbc:CompanyID`,
          '適格請求書発行事業者の登録番号（T＋13桁）がありません',
        );
      } else if (!REGISTRATION_NUMBER_FORMAT.test(registrationNumber)) {
        this.fail(
          'aligned-ibr-jp-01',
          taxIdNode!.path,
          `登録番号「${registrationNumber}」は T＋13桁の形式ではありません`,
        );
      } else if (!isValidRegistrationNumber(registrationNumber)) {
        this.fail(
          'jp-registration-number',
          taxIdNode!.path,
          `登録番号「${registrationNumber}」のチェックデジット（T の次の1桁）が正しくありません`,
        );
      }
    } else if (specification === 'nontax' && childrenOf(party, 'cac:PartyTaxScheme').length > 0) {
      this.fail(
        'aligned-ibr-jp-04-ntr',
        childrenOf(party, 'cac:PartyTaxScheme')[0]!.path,
        '適格請求書発行事業者以外の請求書に登録番号（PartyTaxScheme）が記載されています',
      );
    }
    const corporateNumber = this.corporateNumber(party);
    return {
      name: name ?? '',
      ...(specification === 'billing' && registrationNumber ? { registrationNumber } : {}),
      ...(corporateNumber ? { corporateNumber } : {}),
    };
  }

  /** 法人番号: PartyLegalEntity/CompanyID or PartyIdentification/ID with scheme 0188. */
  private corporateNumber(party: UblNode | undefined): string | undefined {
    const candidates = [
      childAt(party, 'cac:PartyLegalEntity', 'cbc:CompanyID'),
      ...childrenOf(party, 'cac:PartyIdentification').map((id) => childAt(id, 'cbc:ID')),
    ].filter((node): node is UblNode => attributeOf(node, 'schemeID') === CORPORATE_NUMBER_SCHEME);
    const node = candidates[0];
    const value = textOf(node);
    if (!node || value === undefined) return undefined;
    if (!isValidCorporateNumber(value)) {
      this.fail(
        'jp-corporate-number',
        node.path,
        `法人番号「${value}」は13桁の正しい法人番号ではありません`,
      );
      return undefined;
    }
    return value;
  }

  private buyer(): EInvoiceDocument['buyer'] {
    const party = childAt(this.root, 'cac:AccountingCustomerParty', 'cac:Party');
    const name =
      textOf(childAt(party, 'cac:PartyLegalEntity', 'cbc:RegistrationName')) ??
      textOf(childAt(party, 'cac:PartyName', 'cbc:Name'));
    if (name === undefined) {
      this.fail(
        'ibr-07',
        pathOf(
          this.root,
          'cac:AccountingCustomerParty',
          'cac:Party',
          'cac:PartyLegalEntity',
          'cbc:RegistrationName',
        ),
        '買い手の名称がありません',
      );
    }
    return { name: name ?? '' };
  }

  private lines(): { lines: EInvoiceLine[]; figures: LineFigures[] } {
    const lineName: ComponentName = this.isCreditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
    const quantityName: ComponentName = this.isCreditNote
      ? 'cbc:CreditedQuantity'
      : 'cbc:InvoicedQuantity';
    const nodes = childrenOf(this.root, lineName);
    if (nodes.length === 0)
      this.fail('ibr-16', pathOf(this.root, lineName), '明細（請求明細行）がありません');
    const lines: EInvoiceLine[] = [];
    const figures: LineFigures[] = [];
    for (const node of nodes) {
      const id = this.required(node, ['cbc:ID'], 'ibr-21', '明細番号');
      const label = `明細 ${id ?? ''}`.trim();
      const description = this.required(node, ['cac:Item', 'cbc:Name'], 'ibr-25', `${label}の品名`);
      const amount = this.requiredAmount(
        node,
        'cbc:LineExtensionAmount',
        'ibr-24',
        `${label}の金額`,
      );
      const tax = this.taxCategory(
        childAt(node, 'cac:Item', 'cac:ClassifiedTaxCategory'),
        pathOf(node, 'cac:Item', 'cac:ClassifiedTaxCategory'),
        'aligned-ibrp-050-jp',
        label,
      );
      const quantityNode = childAt(node, quantityName);
      const quantityText = textOf(quantityNode);
      const quantity = quantityText === undefined ? undefined : Number(quantityText);
      const unitCode = attributeOf(quantityNode, 'unitCode');
      const period = this.period(node, `${label}の期間`, {
        incomplete: 'jp-br-07',
        reversed: 'ibr-30',
      });
      if (id === undefined || description === undefined || !amount || !tax) continue;
      figures.push({ ...tax, amount });
      lines.push({
        id,
        description,
        amount: amount.value,
        taxCategory: tax.category,
        taxRate: tax.rate,
        ...(quantity !== undefined && Number.isFinite(quantity) ? { quantity } : {}),
        ...(unitCode ? { unitCode } : {}),
        ...(period ? { period } : {}),
      });
    }
    return { lines, figures };
  }

  private allowanceCharges(): AllowanceChargeFigures[] {
    const figures: AllowanceChargeFigures[] = [];
    for (const node of childrenOf(this.root, 'cac:AllowanceCharge')) {
      const isCharge = textOf(childAt(node, 'cbc:ChargeIndicator')) === 'true';
      const label = isCharge ? '追加料金' : '値引';
      const amount = this.requiredAmount(
        node,
        'cbc:Amount',
        isCharge ? 'ibr-36' : 'ibr-31',
        `${label}の金額`,
      );
      const tax = this.taxCategory(
        childAt(node, 'cac:TaxCategory'),
        pathOf(node, 'cac:TaxCategory'),
        isCharge ? 'aligned-ibrp-037-jp' : 'aligned-ibrp-032-jp',
        label,
      );
      if (amount && tax) figures.push({ ...tax, isCharge, amount });
    }
    return figures;
  }

  private taxes(): { subtotals: SubtotalFigures[]; taxTotal?: Stated<number> } {
    const totals = childrenOf(this.root, 'cac:TaxTotal');
    // A second TaxTotal is JP PINT's tax-accounting-currency total; in a yen invoice whose tax
    // currency can only be yen too, it would state the same tax twice (aligned-ibrp-053-jp).
    for (const extra of this.documentInYen ? totals.slice(1) : []) {
      this.fail(
        'aligned-ibrp-053-jp',
        extra.path,
        '消費税の合計（TaxTotal）が複数あります。日本円の請求書では1つだけ記載します',
      );
    }
    const taxTotalNode = totals[0];
    if (!taxTotalNode) return { subtotals: [] };
    const taxTotal = this.requiredAmount(
      taxTotalNode,
      'cbc:TaxAmount',
      'ibr-co-14',
      '消費税額の合計',
    );
    const subtotals: SubtotalFigures[] = [];
    for (const node of childrenOf(taxTotalNode, 'cac:TaxSubtotal')) {
      const base = this.requiredAmount(node, 'cbc:TaxableAmount', 'aligned-ibrp-045', '課税標準額');
      const tax = this.requiredAmount(node, 'cbc:TaxAmount', 'aligned-ibrp-046', '消費税額');
      const key = this.taxCategory(
        childAt(node, 'cac:TaxCategory'),
        pathOf(node, 'cac:TaxCategory'),
        'aligned-ibrp-047',
        '税率ごとの内訳',
      );
      if (base && tax && key) subtotals.push({ ...key, path: node.path, base, tax });
    }
    return { subtotals, ...(taxTotal ? { taxTotal } : {}) };
  }

  private monetaryTotals(): InvoiceFigures['totals'] | undefined {
    const node = childAt(this.root, 'cac:LegalMonetaryTotal');
    if (!node) {
      this.fail(
        'ibr-12',
        pathOf(this.root, 'cac:LegalMonetaryTotal'),
        '合計金額（LegalMonetaryTotal）がありません',
      );
      return undefined;
    }
    const lineExtension = this.requiredAmount(
      node,
      'cbc:LineExtensionAmount',
      'ibr-12',
      '明細金額の合計',
    );
    const taxExclusive = this.requiredAmount(
      node,
      'cbc:TaxExclusiveAmount',
      'ibr-13',
      '税抜合計額',
    );
    const taxInclusive = this.requiredAmount(
      node,
      'cbc:TaxInclusiveAmount',
      'ibr-14',
      '税込合計額',
    );
    const payable = this.requiredAmount(node, 'cbc:PayableAmount', 'ibr-15', '請求金額');
    const allowance = this.amount(childAt(node, 'cbc:AllowanceTotalAmount'), '値引額の合計');
    const charge = this.amount(childAt(node, 'cbc:ChargeTotalAmount'), '追加料金の合計');
    const prepaid = this.amount(childAt(node, 'cbc:PrepaidAmount'), '前払額');
    const rounding = this.amount(childAt(node, 'cbc:PayableRoundingAmount'), '端数調整額');
    if (!lineExtension || !taxExclusive || !taxInclusive || !payable) return undefined;
    return {
      path: node.path,
      lineExtension,
      taxExclusive,
      taxInclusive,
      payable,
      ...(allowance ? { allowance } : {}),
      ...(charge ? { charge } : {}),
      ...(prepaid ? { prepaid } : {}),
      ...(rounding ? { rounding } : {}),
    };
  }

  private payeeAccount(): EInvoiceDocument['payeeAccount'] {
    for (const means of childrenOf(this.root, 'cac:PaymentMeans')) {
      const account = childAt(means, 'cac:PayeeFinancialAccount');
      const accountNumber = textOf(childAt(account, 'cbc:ID'));
      if (!account || accountNumber === undefined) continue;
      const holderName = textOf(childAt(account, 'cbc:Name'));
      const combined = COMBINED_ACCOUNT_ID.exec(accountNumber)?.groups;
      if (combined) {
        const { bankCode, branchCode, accountType, accountNumber: number } = combined;
        return {
          bankCode,
          branchCode,
          accountType,
          accountNumber: number,
          ...(holderName ? { holderName } : {}),
        };
      }
      const branch = childAt(account, 'cac:FinancialInstitutionBranch');
      const bankCode = textOf(childAt(branch, 'cac:FinancialInstitution', 'cbc:ID'));
      const branchCode = textOf(childAt(branch, 'cbc:ID'));
      const accountType = textOf(childAt(account, 'cbc:AccountTypeCode'));
      return {
        accountNumber,
        ...(bankCode ? { bankCode } : {}),
        ...(branchCode ? { branchCode } : {}),
        ...(accountType ? { accountType } : {}),
        ...(holderName ? { holderName } : {}),
      };
    }
    return undefined;
  }

  read(): EInvoiceDocument | undefined {
    const spec = this.specification();
    const profileId = textOf(childAt(this.root, 'cbc:ProfileID'));
    const invoiceNumber = this.required(this.root, ['cbc:ID'], 'ibr-02', '請求書番号（ID）');
    const issueDate = this.date(this.root, 'cbc:IssueDate', 'ibr-03', '発行日', true);
    const dueDate = this.date(this.root, 'cbc:DueDate', 'jp-date', '支払期日', false);
    const typeCode = this.typeCode();
    this.currencies();
    const buyerReference = textOf(childAt(this.root, 'cbc:BuyerReference'));
    const orderReference = textOf(childAt(this.root, 'cac:OrderReference', 'cbc:ID'));
    const precedingInvoiceNumbers = childrenOf(this.root, 'cac:BillingReference')
      .map((reference) => textOf(childAt(reference, 'cac:InvoiceDocumentReference', 'cbc:ID')))
      .filter((id): id is string => id !== undefined);
    const period = this.period(this.root, '請求期間', {
      incomplete: 'jp-br-06',
      reversed: 'ibr-29',
    });
    const seller = this.seller(spec?.specification);
    const buyer = this.buyer();
    const { lines, figures: lineFigures } = this.lines();
    if (!childAt(this.root, 'cac:InvoicePeriod')) {
      const lineName: ComponentName = this.isCreditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine';
      const withoutPeriod = childrenOf(this.root, lineName).find(
        (line) => !childAt(line, 'cac:InvoicePeriod'),
      );
      if (withoutPeriod) {
        this.fail(
          'aligned-ibrp-052',
          pathOf(withoutPeriod, 'cac:InvoicePeriod'),
          '請求期間（InvoicePeriod）がありません。請求書全体の期間か、すべての明細の期間を記載してください',
        );
      }
    }
    const allowanceCharges = this.allowanceCharges();
    const { subtotals, taxTotal } = this.taxes();
    const totals = this.monetaryTotals();
    const payeeAccount = this.payeeAccount();

    const figures: InvoiceFigures | undefined = totals && {
      lines: lineFigures,
      allowanceCharges,
      subtotals,
      ...(taxTotal ? { taxTotal } : {}),
      totals,
    };
    // Arithmetic is checked only on figures that were all read; a missing or unreadable figure
    // has already been reported and would only add misleading mismatches.
    if (figures && this.violations.length === 0) {
      this.violations.push(...checkBreakdown(figures), ...checkTotals(figures));
    }
    if (
      this.violations.length > 0 ||
      !spec ||
      !totals ||
      !invoiceNumber ||
      !issueDate ||
      !typeCode ||
      !seller
    ) {
      return undefined;
    }
    return {
      specification: spec.specification,
      customizationId: spec.customizationId,
      ...(profileId ? { profileId } : {}),
      documentKind: this.isCreditNote ? 'credit-note' : 'invoice',
      typeCode,
      invoiceNumber,
      issueDate,
      ...(dueDate ? { dueDate } : {}),
      currency: 'JPY',
      ...(buyerReference ? { buyerReference } : {}),
      ...(orderReference ? { orderReference } : {}),
      precedingInvoiceNumbers,
      seller,
      buyer,
      ...(period ? { period } : {}),
      lines,
      taxes: subtotals.map((s) => ({
        category: s.category,
        rate: s.rate,
        base: s.base.value,
        tax: s.tax.value,
      })),
      totals: {
        lineExtension: totals.lineExtension.value,
        taxExclusive: totals.taxExclusive.value,
        taxInclusive: totals.taxInclusive.value,
        allowance: totals.allowance?.value ?? 0,
        charge: totals.charge?.value ?? 0,
        prepaid: totals.prepaid?.value ?? 0,
        payable: totals.payable.value,
      },
      ...(payeeAccount ? { payeeAccount } : {}),
    };
  }
}
