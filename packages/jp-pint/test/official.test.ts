import { readJpPint } from '../src';
import { loadBytes } from './load-vector';

const official = (name: string) => new TextDecoder().decode(loadBytes('official', name));

// The official examples use the made-up registration number T1234567890123, whose check digit
// is wrong: the city refuses it (jp-registration-number) although JP PINT's schematron, which
// checks only the T + 13 digits format, accepts it.
const MADE_UP_REGISTRATION = 'T1234567890123';
const VALID_REGISTRATION = 'T9234567890123';

describe('official JP PINT 1.1.3 examples', () => {
  test('example 1 (minimum) is refused only for its made-up registration number', () => {
    const reading = readJpPint(official('pint-jp-1.1.3-example1-minimum.xml'));
    expect(reading).toEqual({
      ok: false,
      kind: 'rules',
      violations: [
        {
          rule: 'jp-registration-number',
          element:
            '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
          message: expect.stringContaining(MADE_UP_REGISTRATION),
        },
      ],
    });
  });

  test('example 1 with a valid registration number reads as the example states it', () => {
    const xml = official('pint-jp-1.1.3-example1-minimum.xml').replace(
      `<cbc:CompanyID>${MADE_UP_REGISTRATION}<`,
      `<cbc:CompanyID>${VALID_REGISTRATION}<`,
    );
    const reading = readJpPint(xml);
    if (!reading.ok) throw new Error(JSON.stringify(reading));
    expect(reading.document).toMatchObject({
      specification: 'billing',
      invoiceNumber: '156',
      issueDate: '2023-10-24',
      seller: { name: '株式会社 〇〇商事', registrationNumber: VALID_REGISTRATION },
      buyer: { name: '株式会社 〇〇物産' },
      period: { start: '2023-10-18', end: '2023-10-18' },
      taxes: [
        { category: 'S', rate: 10, base: 252500, tax: 25250 },
        { category: 'E', rate: 0, base: 3490, tax: 0 },
      ],
      totals: { lineExtension: 255990, taxInclusive: 281240, payable: 281240 },
    });
    expect(reading.document.lines.map((line) => [line.description, line.amount])).toEqual([
      ['デスクチェア', 250000],
      ['コピー用紙（A4）', 2500],
      ['検定済教科書(算数)', 3490],
    ]);
  });

  test('example 2 (euro invoice, yen tax currency) is refused: the city takes yen invoices only', () => {
    const reading = readJpPint(official('pint-jp-1.1.3-example2-tax-accounting-currency.xml'));
    if (reading.ok || reading.kind !== 'rules') throw new Error(JSON.stringify(reading));
    expect(reading.violations.map(({ rule, element }) => ({ rule, element }))).toEqual([
      { rule: 'jp-currency-jpy', element: '/Invoice/cbc:DocumentCurrencyCode' },
      {
        rule: 'jp-registration-number',
        element: '/Invoice/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID',
      },
    ]);
  });
});
