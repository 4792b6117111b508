import type { EInvoiceDocument } from '@denpyo/jp-pint';
import type { BankAccount } from '@denpyo/schemas';
import {
  checkCorporateNumber,
  DOCUMENT_LEVEL_LINE,
  payeeAccountDiffers,
  toInvoiceRequest,
  checkEInvoice,
  checkWithholding,
} from '../src/domain/e-invoice';

const REGISTERED: BankAccount = {
  bankCode: '0001',
  branchCode: '001',
  type: 'ordinary',
  number: '0012345',
  holderKana: 'ﾃﾞﾝﾋﾟﾖｳ',
};

describe('payeeAccountDiffers', () => {
  it('is false only for the registered bank, branch and number (leading zeros aside)', () => {
    const stated = { bankCode: '0001', branchCode: '001', accountNumber: '12345' };
    expect(payeeAccountDiffers(stated, REGISTERED)).toBe(false);
    expect(payeeAccountDiffers({ ...stated, branchCode: '002' }, REGISTERED)).toBe(true);
    expect(payeeAccountDiffers({ ...stated, accountNumber: '12346' }, REGISTERED)).toBe(true);
    // A stated account without its bank cannot be shown to be the registered one.
    expect(payeeAccountDiffers({ accountNumber: '0012345' }, REGISTERED)).toBe(true);
    expect(payeeAccountDiffers(stated, null)).toBe(true);
    expect(payeeAccountDiffers(undefined, REGISTERED)).toBe(false);
  });
});

const document = (overrides: Partial<EInvoiceDocument> = {}): EInvoiceDocument => ({
  specification: 'billing',
  customizationId: 'urn:peppol:pint:billing-1@jp-1',
  documentKind: 'invoice',
  typeCode: '380',
  invoiceNumber: 'A-1',
  issueDate: '2026-11-05',
  currency: 'JPY',
  precedingInvoiceNumbers: [],
  seller: { name: '株式会社みなと設備', registrationNumber: 'T9234567890123' },
  buyer: { name: 'みなと市' },
  lines: [
    { id: '1', description: '保守', amount: 10_000, taxCategory: 'S', taxRate: 10 },
    { id: '2', description: '弁当', amount: 1_000, taxCategory: 'AA', taxRate: 8 },
  ],
  taxes: [
    { category: 'S', rate: 10, base: 9_000, tax: 900 },
    { category: 'AA', rate: 8, base: 1_000, tax: 80 },
  ],
  totals: {
    lineExtension: 11_000,
    taxExclusive: 10_000,
    taxInclusive: 10_980,
    allowance: 1_000,
    charge: 0,
    prepaid: 0,
    payable: 10_980,
  },
  ...overrides,
});

describe('toInvoiceRequest', () => {
  it('states each line, each rate’s tax, and a document-level allowance as a line of its rate', () => {
    expect(toInvoiceRequest(document(), 'contract-id')).toEqual({
      contractId: 'contract-id',
      invoiceNumber: 'A-1',
      issueDate: '2026-11-05',
      registrationNumber: 'T9234567890123',
      amountsInclude: 'tax-excluded',
      lines: [
        { description: '保守', amount: 10_000, taxRate: 10 },
        { description: '弁当', amount: 1_000, taxRate: 8 },
        { description: DOCUMENT_LEVEL_LINE, amount: -1_000, taxRate: 10 },
      ],
      statedTaxes: [
        { rate: 10, tax: 900 },
        { rate: 8, tax: 80 },
      ],
    });
  });
});

describe('toInvoiceRequest with two subtotals of one rate', () => {
  it('states the rate once: an exempt (E) and a not-subject (O) subtotal, both 0%', () => {
    const request = toInvoiceRequest(
      document({
        lines: [
          { id: '1', description: '保守', amount: 10_000, taxCategory: 'S', taxRate: 10 },
          { id: '2', description: '収入印紙', amount: 1_200, taxCategory: 'E', taxRate: 0 },
          { id: '3', description: '立替金', amount: 800, taxCategory: 'O', taxRate: 0 },
        ],
        taxes: [
          { category: 'S', rate: 10, base: 10_000, tax: 1_000 },
          { category: 'E', rate: 0, base: 1_200, tax: 0 },
          { category: 'O', rate: 0, base: 800, tax: 0 },
        ],
      }),
      'contract-id',
    );
    expect(request.lines).toHaveLength(3);
    expect(request.statedTaxes).toEqual([
      { rate: 10, tax: 1_000 },
      { rate: 0, tax: 0 },
    ]);
  });
});

describe('checkEInvoice and checkWithholding', () => {
  it('refuses a subtotal rate Denpyo does not know, naming the subtotal', () => {
    const refused = checkEInvoice(
      document({ taxes: [{ category: 'S', rate: 5, base: 10_000, tax: 500 }] }),
    );
    expect(refused.ok ? undefined : refused.refusal.errors).toEqual([
      expect.objectContaining({
        rule: 'denpyo-tax-rate',
        path: '/Invoice/cac:TaxTotal/cac:TaxSubtotal[1]/cac:TaxCategory/cbc:Percent',
      }),
    ]);
  });

  it("refuses an individual's e-invoice (withholding is decided on the paper form), not a corporation's", () => {
    const seller = { invoiceRegistrationNumber: null, corporateNumber: null };
    expect(checkWithholding({ kind: 'corporation', ...seller }).ok).toBe(true);
    const refused = checkWithholding({ kind: 'individual', ...seller });
    expect(refused.ok ? undefined : refused.refusal.errors?.[0]?.rule).toBe('denpyo-withholding');
  });
});

describe('checkCorporateNumber', () => {
  const stating = (corporateNumber: string) => document({ seller: { name: 'x', corporateNumber } });
  const vendor = { kind: 'corporation' as const, corporateNumber: null };

  it("accepts the vendor's 法人番号, or a corporation's T-number without its T", () => {
    expect(
      checkCorporateNumber(stating('9234567890123'), {
        ...vendor,
        invoiceRegistrationNumber: 'T9234567890123',
      }).ok,
    ).toBe(true);
    expect(
      checkCorporateNumber(stating('9234567890123'), {
        ...vendor,
        invoiceRegistrationNumber: null,
        corporateNumber: '9234567890123',
      }).ok,
    ).toBe(true);
  });

  it('refuses another 法人番号, or one it cannot check', () => {
    expect(
      checkCorporateNumber(stating('1234567890123'), {
        ...vendor,
        invoiceRegistrationNumber: 'T9234567890123',
      }).ok,
    ).toBe(false);
    expect(
      checkCorporateNumber(stating('9234567890123'), {
        kind: 'individual',
        invoiceRegistrationNumber: 'T9234567890123',
        corporateNumber: null,
      }).ok,
    ).toBe(false);
    expect(checkCorporateNumber(stating('9234567890123'), undefined).ok).toBe(false);
  });
});
