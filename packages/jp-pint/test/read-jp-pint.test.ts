import { JP_PINT_MAX_BYTES, readJpPint, type JpPintReading } from '../src';
import { XML_LIMITS } from '../src/xml';
import { PLACEHOLDER_VALUES, loadBytes, loadVector } from './load-vector';

const UBL_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';

function accepted(reading: JpPintReading) {
  if (!reading.ok)
    throw new Error(`expected the document to be accepted: ${JSON.stringify(reading)}`);
  return reading.document;
}

function violationsOf(xml: string | Uint8Array) {
  const reading = readJpPint(xml);
  if (reading.ok || reading.kind !== 'rules') {
    throw new Error(`expected rule violations: ${JSON.stringify(reading)}`);
  }
  return reading.violations;
}

function malformedMessage(xml: string | Uint8Array): string {
  const reading = readJpPint(xml);
  if (reading.ok || reading.kind !== 'malformed') {
    throw new Error(`expected a malformed refusal: ${JSON.stringify(reading)}`);
  }
  return reading.message;
}

/** One small change to a valid vector; the text changed must occur exactly once. */
function mutate(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at < 0 || xml.indexOf(from, at + 1) >= 0) {
    throw new Error(`mutation anchor must occur exactly once: ${from}`);
  }
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

const minimum = loadVector('invoice-minimum.xml');
const SELLER_PARTY = '/Invoice/cac:AccountingSupplierParty/cac:Party';
const TOTALS = '/Invoice/cac:LegalMonetaryTotal';

describe('readJpPint: documents that are accepted', () => {
  test('the minimum invoice reads every field the service needs', () => {
    const document = accepted(readJpPint(minimum));
    expect(document).toEqual({
      specification: 'billing',
      customizationId: 'urn:peppol:pint:billing-1@jp-1',
      profileId: 'urn:peppol:bis:billing',
      documentKind: 'invoice',
      typeCode: '380',
      invoiceNumber: 'INV-2026-0001',
      issueDate: PLACEHOLDER_VALUES.ISSUE_DATE,
      dueDate: '2026-12-25',
      currency: 'JPY',
      buyerReference: PLACEHOLDER_VALUES.CONTRACT,
      precedingInvoiceNumbers: [],
      seller: { name: '株式会社みなと設備', registrationNumber: PLACEHOLDER_VALUES.T_NUMBER },
      buyer: { name: 'みなと市' },
      period: { start: '2026-10-01', end: '2026-10-31' },
      lines: [
        {
          id: '1',
          description: '空調設備保守点検（10月分）',
          amount: 100000,
          taxCategory: 'S',
          taxRate: 10,
          quantity: 1,
          unitCode: 'H87',
        },
      ],
      taxes: [{ category: 'S', rate: 10, base: 100000, tax: 10000 }],
      totals: {
        lineExtension: 100000,
        taxExclusive: 100000,
        taxInclusive: 110000,
        allowance: 0,
        charge: 0,
        prepaid: 0,
        payable: 110000,
      },
      payeeAccount: {
        bankCode: '0001',
        branchCode: '001',
        accountNumber: '1234567',
        accountType: '1',
        holderName: 'カ）ミナトセツビ',
      },
    });
  });

  test('bytes read like the string, with or without a UTF-8 byte order mark', () => {
    const bytes = loadBytes('vectors', 'invoice-minimum.xml');
    const withPlaceholders = new TextDecoder().decode(bytes);
    const expected = readJpPint(withPlaceholders);
    expect(readJpPint(bytes)).toEqual(expected);
    expect(readJpPint(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]))).toEqual(expected);
  });

  test('10%, 8% and an exempt 0% line, each line with its own period', () => {
    const document = accepted(readJpPint(loadVector('invoice-multi-rate.xml')));
    expect(document.period).toBeUndefined();
    expect(document.lines.map((l) => [l.taxCategory, l.taxRate, l.amount, l.period])).toEqual([
      ['S', 10, 50000, { start: '2026-10-01', end: '2026-10-31' }],
      ['AA', 8, 3000, { start: '2026-10-15', end: '2026-10-15' }],
      ['E', 0, 1200, { start: '2026-10-15', end: '2026-10-15' }],
    ]);
    expect(document.taxes).toEqual([
      { category: 'S', rate: 10, base: 50000, tax: 5000 },
      { category: 'AA', rate: 8, base: 3000, tax: 240 },
      { category: 'E', rate: 0, base: 1200, tax: 0 },
    ]);
    expect(document.totals.payable).toBe(59440);
  });

  test('a business that is not tax-registered reads without a registration number', () => {
    const document = accepted(readJpPint(loadVector('nontax-invoice.xml')));
    expect(document.specification).toBe('nontax');
    expect(document.seller).toEqual({ name: '山田造園（個人事業）' });
    expect(document.totals.payable).toBe(88000);
  });

  test('a credit note names the invoice it corrects', () => {
    const document = accepted(readJpPint(loadVector('credit-note.xml')));
    expect(document).toMatchObject({
      documentKind: 'credit-note',
      typeCode: '381',
      invoiceNumber: 'CN-2026-0001',
      precedingInvoiceNumbers: ['INV-2026-0001'],
      totals: { payable: 22000 },
    });
    expect(document.lines[0]).toMatchObject({ quantity: 1, amount: 20000 });
  });

  test('other prefixes for the same namespaces read the same', () => {
    const other = loadVector('invoice-other-prefixes.xml');
    expect(other).toContain('<inv:Invoice ');
    expect(other).toContain('<basic:ID>');
    expect(readJpPint(other)).toEqual(readJpPint(minimum));
  });

  test.each([
    ['rounding-down.xml', 12341, 1234],
    ['rounding-half-up.xml', 12346, 1235],
    ['rounding-up.xml', 12341, 1235],
  ])('%s: a tax rounded the way the issuer chose is accepted', (name, base, tax) => {
    const document = accepted(readJpPint(loadVector(name)));
    expect(document.taxes).toEqual([{ category: 'S', rate: 10, base, tax }]);
    expect(document.totals.payable).toBe(base + tax);
  });

  test('the corporate number (scheme 0188) and an order reference are read', () => {
    const xml = mutate(
      mutate(
        minimum,
        '<cbc:RegistrationName>株式会社みなと設備</cbc:RegistrationName>',
        '<cbc:RegistrationName>株式会社みなと設備</cbc:RegistrationName>\n        <cbc:CompanyID schemeID="0188">9234567890123</cbc:CompanyID>',
      ),
      `<cbc:BuyerReference>${PLACEHOLDER_VALUES.CONTRACT}</cbc:BuyerReference>`,
      '<cac:OrderReference><cbc:ID>KEIYAKU-0099</cbc:ID></cac:OrderReference>',
    );
    const document = accepted(readJpPint(xml));
    expect(document.seller.corporateNumber).toBe('9234567890123');
    expect(document.buyerReference).toBeUndefined();
    expect(document.orderReference).toBe('KEIYAKU-0099');
  });

  test('a payee account written as one identifier bank:branch:type:number, as JP PINT examples do', () => {
    const start = minimum.indexOf('<cac:PayeeFinancialAccount>');
    const end = minimum.indexOf('</cac:PayeeFinancialAccount>');
    const xml =
      minimum.slice(0, start) +
      '<cac:PayeeFinancialAccount><cbc:ID>0005:123:1:7654321</cbc:ID><cbc:Name>ｶ)ﾐﾅﾄｾﾂﾋﾞ</cbc:Name>' +
      minimum.slice(end);
    expect(accepted(readJpPint(xml)).payeeAccount).toEqual({
      bankCode: '0005',
      branchCode: '123',
      accountType: '1',
      accountNumber: '7654321',
      holderName: 'ｶ)ﾐﾅﾄｾﾂﾋﾞ',
    });
  });

  test('a line not subject to tax (O) states no rate and reads as 0%', () => {
    const noRate = (xml: string) =>
      xml.replace(/<cbc:ID>S<\/cbc:ID>\n {8}<cbc:Percent>10<\/cbc:Percent>/g, '<cbc:ID>O</cbc:ID>');
    const xml = noRate(minimum)
      .replace(
        '<cbc:TaxAmount currencyID="JPY">10000</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        '<cbc:TaxAmount currencyID="JPY">0</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
      )
      .replace(
        '<cbc:TaxAmount currencyID="JPY">10000</cbc:TaxAmount>',
        '<cbc:TaxAmount currencyID="JPY">0</cbc:TaxAmount>',
      )
      .replace(/110000/g, '100000');
    const document = accepted(readJpPint(xml));
    expect(document.taxes).toEqual([{ category: 'O', rate: 0, base: 100000, tax: 0 }]);
    expect(document.lines[0]).toMatchObject({ taxCategory: 'O', taxRate: 0 });
  });

  test('amounts written with a .0 fraction and a JPY tax currency are accepted', () => {
    const xml = mutate(
      mutate(
        minimum,
        '<cbc:PayableAmount currencyID="JPY">110000<',
        '<cbc:PayableAmount currencyID="JPY">110000.00<',
      ),
      '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode>',
      '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>JPY</cbc:TaxCurrencyCode>',
    );
    expect(accepted(readJpPint(xml)).totals.payable).toBe(110000);
  });
});

describe('readJpPint: each rule, one mutation of a valid vector', () => {
  test('jp-br-co-01: a tax no rounding gives is refused, naming the figures', () => {
    const violations = violationsOf(loadVector('rounding-refused.xml'));
    expect(violations).toEqual([
      {
        rule: 'jp-br-co-01',
        element: '/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount',
        message: expect.stringContaining('1,236円'),
      },
    ]);
    expect(violations[0]!.message).toContain(
      '1,234円（切捨て・四捨五入） または 1,235円（切上げ）',
    );
  });

  test.each<[string, string, string, string, string]>([
    [
      'jp-pint-specification',
      '/Invoice/cbc:CustomizationID',
      'the specification is neither JP PINT id',
      'urn:peppol:pint:billing-1@jp-1</cbc:CustomizationID>',
      'urn:cen.eu:en16931:2017</cbc:CustomizationID>',
    ],
    ['ibr-02', '/Invoice/cbc:ID', 'no invoice number', '<cbc:ID>INV-2026-0001</cbc:ID>', ''],
    [
      'aligned-ibrp-cl-02-jp',
      '/Invoice/cbc:InvoiceTypeCode',
      'an Invoice typed 381',
      '<cbc:InvoiceTypeCode>380<',
      '<cbc:InvoiceTypeCode>381<',
    ],
    [
      'jp-currency-jpy',
      '/Invoice/cbc:DocumentCurrencyCode',
      'a document in dollars',
      '<cbc:DocumentCurrencyCode>JPY<',
      '<cbc:DocumentCurrencyCode>USD<',
    ],
    [
      'jp-currency-jpy',
      TOTALS + '/cbc:PrepaidAmount',
      'one amount in another currency',
      '<cbc:PrepaidAmount currencyID="JPY">',
      '<cbc:PrepaidAmount currencyID="USD">',
    ],
    [
      'aligned-ibr-jp-05',
      '/Invoice/cbc:TaxCurrencyCode',
      'a tax currency other than yen',
      '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode>',
      '<cbc:DocumentCurrencyCode>JPY</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>',
    ],
    [
      'jp-whole-yen',
      TOTALS + '/cbc:PayableAmount',
      'a fraction of a yen',
      '<cbc:PayableAmount currencyID="JPY">110000<',
      '<cbc:PayableAmount currencyID="JPY">110000.5<',
    ],
    [
      'aligned-ibr-jp-04',
      SELLER_PARTY + '/cac:PartyTaxScheme/cbc:CompanyID',
      'a qualified invoice without a registration number',
      '<cbc:CompanyID>T9234567890123</cbc:CompanyID>',
      '',
    ],
    [
      'aligned-ibr-jp-01',
      SELLER_PARTY + '/cac:PartyTaxScheme/cbc:CompanyID',
      'a registration number without T',
      '<cbc:CompanyID>T9234567890123<',
      '<cbc:CompanyID>9234567890123<',
    ],
    [
      'jp-registration-number',
      SELLER_PARTY + '/cac:PartyTaxScheme/cbc:CompanyID',
      'a registration number with a wrong check digit',
      '<cbc:CompanyID>T9234567890123<',
      '<cbc:CompanyID>T1234567890123<',
    ],
    [
      'aligned-ibr-jp-04-ntr',
      SELLER_PARTY + '/cac:PartyTaxScheme',
      'a non-registered invoice carrying a registration number',
      'urn:peppol:pint:billing-1@jp-1<',
      'urn:peppol:pint:nontaxinvoice-1@jp-1<',
    ],
    [
      'ibr-06',
      SELLER_PARTY + '/cac:PartyLegalEntity/cbc:RegistrationName',
      'no seller name',
      '<cbc:RegistrationName>株式会社みなと設備</cbc:RegistrationName>',
      '',
    ],
    [
      'ibr-07',
      '/Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName',
      'no buyer name',
      '<cbc:RegistrationName>みなと市</cbc:RegistrationName>',
      '',
    ],
    [
      'aligned-ibrp-052',
      '/Invoice/cac:InvoiceLine/cac:InvoicePeriod',
      'no period anywhere',
      '<cac:InvoicePeriod>\n    <cbc:StartDate>2026-10-01</cbc:StartDate>\n    <cbc:EndDate>2026-10-31</cbc:EndDate>\n  </cac:InvoicePeriod>\n',
      '',
    ],
    [
      'jp-br-06',
      '/Invoice/cac:InvoicePeriod/cbc:EndDate',
      'an invoice period without an end',
      '<cbc:EndDate>2026-10-31</cbc:EndDate>',
      '',
    ],
    [
      'ibr-29',
      '/Invoice/cac:InvoicePeriod/cbc:EndDate',
      'an invoice period ending before it starts',
      '<cbc:EndDate>2026-10-31<',
      '<cbc:EndDate>2026-09-30<',
    ],
    [
      'aligned-ibrp-053-jp',
      '/Invoice/cac:TaxTotal[2]',
      'a second tax total',
      '<cac:LegalMonetaryTotal>',
      '<cac:TaxTotal><cbc:TaxAmount currencyID="JPY">10000</cbc:TaxAmount></cac:TaxTotal>\n  <cac:LegalMonetaryTotal>',
    ],
    [
      'aligned-ibrp-cl-01-jp',
      '/Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID',
      'a tax category JP PINT does not have',
      '<cac:ClassifiedTaxCategory>\n        <cbc:ID>S<',
      '<cac:ClassifiedTaxCategory>\n        <cbc:ID>Z<',
    ],
    [
      'aligned-ibr-jp-03',
      '/Invoice/cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cac:TaxScheme/cbc:ID',
      'a tax scheme other than VAT',
      '<cbc:Percent>10</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:TaxCategory>',
      '<cbc:Percent>10</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>GST</cbc:ID></cac:TaxScheme>\n      </cac:TaxCategory>',
    ],
    [
      'aligned-ibrp-050-jp',
      '/Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory',
      'a line without a tax rate',
      '<cac:ClassifiedTaxCategory>\n        <cbc:ID>S</cbc:ID>\n        <cbc:Percent>10</cbc:Percent>',
      '<cac:ClassifiedTaxCategory>\n        <cbc:ID>S</cbc:ID>',
    ],
    [
      'ibr-co-16',
      TOTALS + '/cbc:PayableAmount',
      'an amount due that is not the total less the prepaid amount',
      '<cbc:PayableAmount currencyID="JPY">110000<',
      '<cbc:PayableAmount currencyID="JPY">100000<',
    ],
  ])('%s at %s: %s', (rule, element, _description, from, to) => {
    expect(violationsOf(mutate(minimum, from, to))).toContainEqual({
      rule,
      element,
      message: expect.any(String),
    });
  });

  test.each<[string, string, string, string]>([
    [
      'ibr-co-10',
      TOTALS + '/cbc:LineExtensionAmount',
      '<cac:LegalMonetaryTotal>\n    <cbc:LineExtensionAmount currencyID="JPY">100000<',
      '<cac:LegalMonetaryTotal>\n    <cbc:LineExtensionAmount currencyID="JPY">100001<',
    ],
    [
      'ibr-co-13',
      TOTALS + '/cbc:TaxExclusiveAmount',
      '<cbc:TaxExclusiveAmount currencyID="JPY">100000<',
      '<cbc:TaxExclusiveAmount currencyID="JPY">90000<',
    ],
    [
      'ibr-co-14',
      '/Invoice/cac:TaxTotal/cbc:TaxAmount',
      '<cbc:TaxAmount currencyID="JPY">10000</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
      '<cbc:TaxAmount currencyID="JPY">10001</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
    ],
    [
      'ibr-co-15',
      TOTALS + '/cbc:TaxInclusiveAmount',
      '<cbc:TaxInclusiveAmount currencyID="JPY">110000<',
      '<cbc:TaxInclusiveAmount currencyID="JPY">111000<',
    ],
    [
      'ibr-tax-08',
      '/Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount',
      '<cbc:TaxableAmount currencyID="JPY">100000<',
      '<cbc:TaxableAmount currencyID="JPY">100010<',
    ],
  ])('%s at %s: a total that does not add up', (rule, element, from, to) => {
    const violations = violationsOf(mutate(minimum, from, to));
    expect(violations).toContainEqual({ rule, element, message: expect.stringMatching(/円/) });
  });

  test('jp-corporate-number: a corporate number with a wrong check digit', () => {
    const xml = mutate(
      minimum,
      '<cbc:RegistrationName>株式会社みなと設備</cbc:RegistrationName>',
      '<cbc:RegistrationName>株式会社みなと設備</cbc:RegistrationName>\n        <cbc:CompanyID schemeID="0188">1234567890123</cbc:CompanyID>',
    );
    expect(violationsOf(xml)).toEqual([
      {
        rule: 'jp-corporate-number',
        element: SELLER_PARTY + '/cac:PartyLegalEntity/cbc:CompanyID',
        message: expect.stringContaining('1234567890123'),
      },
    ]);
  });

  test('ibr-03 / jp-date: dates that do not exist are refused', () => {
    expect(violationsOf(loadVector('invoice-minimum.xml', { ISSUE_DATE: '2026-02-30' }))).toEqual([
      {
        rule: 'ibr-03',
        element: '/Invoice/cbc:IssueDate',
        message: expect.stringContaining('2026-02-30'),
      },
    ]);
    expect(
      violationsOf(mutate(minimum, '<cbc:DueDate>2026-12-25<', '<cbc:DueDate>2026-12-32<')),
    ).toEqual([
      {
        rule: 'jp-date',
        element: '/Invoice/cbc:DueDate',
        message: expect.stringContaining('2026-12-32'),
      },
    ]);
  });

  test('jp-tax-rate: a rate that is not a number', () => {
    const xml = mutate(
      minimum,
      '<cbc:ID>S</cbc:ID>\n        <cbc:Percent>10</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>',
      '<cbc:ID>S</cbc:ID>\n        <cbc:Percent>十</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:ClassifiedTaxCategory>',
    );
    expect(violationsOf(xml)).toEqual([
      {
        rule: 'jp-tax-rate',
        element: '/Invoice/cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:Percent',
        message: expect.stringContaining('十'),
      },
    ]);
  });

  test('ibr-30: a line period ending before it starts', () => {
    const xml = mutate(
      loadVector('invoice-multi-rate.xml'),
      '<cbc:StartDate>2026-10-01</cbc:StartDate>\n      <cbc:EndDate>2026-10-31</cbc:EndDate>',
      '<cbc:StartDate>2026-10-31</cbc:StartDate>\n      <cbc:EndDate>2026-10-01</cbc:EndDate>',
    );
    expect(violationsOf(xml)).toEqual([
      {
        rule: 'ibr-30',
        element: '/Invoice/cac:InvoiceLine[1]/cac:InvoicePeriod/cbc:EndDate',
        message: expect.any(String),
      },
    ]);
  });

  test('ibr-16: an invoice without lines', () => {
    const start = minimum.indexOf('  <cac:InvoiceLine>');
    const end = minimum.indexOf('</cac:InvoiceLine>\n') + '</cac:InvoiceLine>\n'.length;
    const xml = minimum.slice(0, start) + minimum.slice(end);
    expect(violationsOf(xml)).toContainEqual({
      rule: 'ibr-16',
      element: '/Invoice/cac:InvoiceLine',
      message: expect.any(String),
    });
  });

  test('ibr-03: an issue date that is not a date', () => {
    expect(violationsOf(loadVector('invoice-minimum.xml', { ISSUE_DATE: '2026/11/05' }))).toEqual([
      {
        rule: 'ibr-03',
        element: '/Invoice/cbc:IssueDate',
        message: expect.stringContaining('2026/11/05'),
      },
    ]);
  });

  test('jp-tax-breakdown-unique: one TaxSubtotal per category and rate', () => {
    const multi = loadVector('invoice-multi-rate.xml');
    const xml = mutate(
      multi,
      '<cbc:ID>AA</cbc:ID>\n        <cbc:Percent>8</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:TaxCategory>',
      '<cbc:ID>S</cbc:ID>\n        <cbc:Percent>10</cbc:Percent>\n        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>\n      </cac:TaxCategory>',
    );
    const violations = violationsOf(xml);
    expect(violations).toContainEqual({
      rule: 'jp-tax-breakdown-unique',
      element: '/Invoice/cac:TaxTotal/cac:TaxSubtotal[2]',
      message: expect.any(String),
    });
    // The 8% lines are then left without a breakdown of their own.
    expect(violations).toContainEqual({
      rule: 'ibr-tax-01',
      element: '/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount',
      message: expect.any(String),
    });
  });

  test('jp-credit-note-type-code: a CreditNote typed 380', () => {
    const xml = mutate(loadVector('credit-note.xml'), '>381<', '>380<');
    expect(violationsOf(xml)).toEqual([
      {
        rule: 'jp-credit-note-type-code',
        element: '/CreditNote/cbc:CreditNoteTypeCode',
        message: expect.any(String),
      },
    ]);
  });

  test('ubl-namespace: an Invoice root outside the UBL namespace', () => {
    expect(violationsOf(loadVector('wrong-namespace.xml'))).toEqual([
      {
        rule: 'ubl-namespace',
        element: '/Invoice',
        message: expect.stringContaining('urn:example:not-ubl:Invoice'),
      },
    ]);
  });

  test('every message is Japanese for a clerk', () => {
    for (const { message } of violationsOf(loadVector('rounding-refused.xml'))) {
      expect(message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });
});

describe('readJpPint: XML that is refused before any rule (→ 400)', () => {
  test('an external entity (XXE) is refused for its DOCTYPE, the file is never read', () => {
    expect(malformedMessage(loadVector('xxe-external-entity.xml'))).toContain('DOCTYPE');
  });

  test('a deeply nested or huge tree is refused as it is read, quickly', () => {
    const started = Date.now();
    const deep = `<Invoice xmlns="${UBL_INVOICE}">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</Invoice>`;
    expect(malformedMessage(deep)).toContain('入れ子が深すぎます');
    const wide = `<Invoice xmlns="${UBL_INVOICE}">${'<a/>'.repeat(XML_LIMITS.maxElements)}</Invoice>`;
    expect(malformedMessage(wide)).toContain('要素が多すぎます');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('billion laughs is refused for its DOCTYPE, quickly', () => {
    const started = Date.now();
    expect(malformedMessage(loadVector('billion-laughs.xml'))).toContain('DOCTYPE');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('an entity nobody declared is not expanded', () => {
    expect(malformedMessage(loadVector('undeclared-entity.xml'))).toMatch(/XMLの構文/);
  });

  test('predefined entities and character references are read', () => {
    const xml = mutate(
      minimum,
      '<cbc:Name>空調設備保守点検（10月分）<',
      '<cbc:Name>空調 &amp; 換気 &#x8A2D;備<',
    );
    expect(accepted(readJpPint(xml)).lines[0]!.description).toBe('空調 & 換気 設備');
  });

  test('a document larger than JP_PINT_MAX_BYTES is refused before parsing', () => {
    const padding = ' '.repeat(JP_PINT_MAX_BYTES);
    expect(malformedMessage(minimum.replace('<Invoice ', `${padding}<Invoice `))).toContain(
      '大きすぎます',
    );
    expect(malformedMessage(new Uint8Array(JP_PINT_MAX_BYTES + 1))).toContain('大きすぎます');
  });

  test('a Shift_JIS file is refused: only UTF-8 is read', () => {
    expect(malformedMessage(loadBytes('vectors', 'shift-jis.xml'))).toContain('UTF-8');
  });

  test('a declaration naming another encoding is refused even when the text is readable', () => {
    expect(malformedMessage(minimum.replace('encoding="UTF-8"', 'encoding="Shift_JIS"'))).toContain(
      'Shift_JIS',
    );
  });

  test('UTF-16 bytes are refused', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimum, 'utf16le')]);
    expect(malformedMessage(utf16)).toContain('UTF-8');
  });

  test('XML that is not well-formed', () => {
    expect(malformedMessage(minimum.slice(0, minimum.length / 2))).toMatch(/XMLの構文/);
    expect(
      malformedMessage(
        mutate(minimum, '</cbc:ID>\n  <cbc:IssueDate>', '</cbc:Id>\n  <cbc:IssueDate>'),
      ),
    ).toMatch(/XMLの構文/);
  });

  test('a document that is not a UBL invoice at all', () => {
    expect(malformedMessage('<html><body>請求書</body></html>')).toContain('html');
    expect(malformedMessage('')).toMatch(/XML/);
  });
});
