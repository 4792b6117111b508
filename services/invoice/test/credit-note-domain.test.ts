import type { EInvoiceDocument } from '@denpyo/jp-pint';
import { refuse } from '@denpyo/platform/outcome';
import {
  creditedInvoiceNumber,
  decideCredit,
  onCreditNote,
  toCreditFigures,
  type CreditedInvoice,
} from '../src/domain/credit-note';
import { refuseRule } from '../src/domain/e-invoice';

const creditNote = (overrides: Partial<EInvoiceDocument> = {}): EInvoiceDocument => ({
  specification: 'billing',
  customizationId: 'urn:peppol:pint:billing-1@jp-1',
  documentKind: 'credit-note',
  typeCode: '381',
  invoiceNumber: 'CN-1',
  issueDate: '2026-11-25',
  currency: 'JPY',
  precedingInvoiceNumbers: ['INV-1'],
  seller: { name: '株式会社みなと設備', registrationNumber: 'T9234567890123' },
  buyer: { name: 'みなと市' },
  lines: [
    { id: '1', description: '保守 一部取消', amount: 20_000, taxCategory: 'S', taxRate: 10 },
    { id: '2', description: '弁当 返品', amount: 1_000, taxCategory: 'AA', taxRate: 8 },
  ],
  taxes: [
    { category: 'AA', rate: 8, base: 1_000, tax: 80 },
    { category: 'S', rate: 10, base: 20_000, tax: 2_000 },
  ],
  totals: {
    lineExtension: 21_000,
    taxExclusive: 21_000,
    taxInclusive: 23_080,
    allowance: 0,
    charge: 0,
    prepaid: 0,
    payable: 23_080,
  },
  ...overrides,
});

const errorsOf = (outcome: { ok: boolean; refusal?: { errors?: unknown } }) =>
  outcome.ok ? undefined : outcome.refusal?.errors;

describe('creditedInvoiceNumber', () => {
  it('is the one cac:BillingReference, trimmed', () => {
    expect(creditedInvoiceNumber(creditNote({ precedingInvoiceNumbers: [' INV-1 '] }))).toEqual({
      ok: true,
      value: 'INV-1',
    });
  });

  it.each([[[]], [['INV-1', 'INV-2']], [['  ']]])('refuses %j, naming the element', (numbers) => {
    expect(
      errorsOf(creditedInvoiceNumber(creditNote({ precedingInvoiceNumbers: numbers }))),
    ).toEqual([
      expect.objectContaining({
        rule: 'denpyo-billing-reference',
        path: '/CreditNote/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID',
      }),
    ]);
  });
});

describe('toCreditFigures', () => {
  it('takes per rate the base and tax as stated (10% first) and the PayableAmount', () => {
    expect(toCreditFigures(creditNote())).toEqual({
      ok: true,
      value: {
        taxes: [
          { rate: 10, base: 20_000, tax: 2_000 },
          { rate: 8, base: 1_000, tax: 80 },
        ],
        total: 23_080,
      },
    });
  });

  it('refuses a PayableAmount that is not the per-rate sum, or is not positive', () => {
    const stating = (payable: number) =>
      creditNote({ totals: { ...creditNote().totals, payable } });
    const payablePath = '/CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount';
    expect(errorsOf(toCreditFigures(stating(23_079)))).toEqual([
      expect.objectContaining({ rule: 'denpyo-receipt', path: payablePath }),
    ]);
    expect(
      errorsOf(
        toCreditFigures(creditNote({ taxes: [], totals: { ...creditNote().totals, payable: 0 } })),
      ),
    ).toEqual([expect.objectContaining({ path: payablePath })]);
  });
});

describe('decideCredit', () => {
  const invoice: CreditedInvoice = {
    invoiceNumber: 'INV-1',
    status: 'received',
    withholdingTax: 0,
    payableTotal: 110_000,
  };
  const credit = (total: number) => ({ taxes: [], total });

  it('reduces a received or inspected invoice by up to what is left payable', () => {
    expect(decideCredit(invoice, credit(110_000)).ok).toBe(true);
    expect(decideCredit({ ...invoice, status: 'inspected' }, credit(1)).ok).toBe(true);
  });

  it('refuses more than is left payable, naming PayableAmount', () => {
    expect(errorsOf(decideCredit(invoice, credit(110_001)))).toEqual([
      expect.objectContaining({
        rule: 'denpyo-credit-payable',
        path: '/CreditNote/cac:LegalMonetaryTotal/cbc:PayableAmount',
      }),
    ]);
  });

  it('refuses an ordered invoice with 409 (a refund instead), a rejected one and withholding with 422', () => {
    const ordered = decideCredit({ ...invoice, status: 'approved' }, credit(1));
    expect(ordered.ok ? undefined : ordered.refusal.code).toBe('conflict');
    expect(ordered.ok ? undefined : ordered.refusal.message).toMatch(/戻入/);
    const rejected = decideCredit({ ...invoice, status: 'rejected' }, credit(1));
    expect(rejected.ok ? undefined : rejected.refusal.code).toBe('unprocessable');
    expect(errorsOf(decideCredit({ ...invoice, withholdingTax: 10_210 }, credit(1)))).toEqual([
      expect.objectContaining({ rule: 'denpyo-withholding' }),
    ]);
  });
});

describe('onCreditNote', () => {
  it("names a shared rule's elements under /CreditNote", () => {
    const refused = refuseRule('r', '/Invoice/cbc:IssueDate', 'x');
    expect(errorsOf(onCreditNote(refused))).toEqual([
      expect.objectContaining({ path: '/CreditNote/cbc:IssueDate' }),
    ]);
    const plain = refuse('unprocessable', 'no errors');
    expect(onCreditNote(plain)).toEqual(plain);
  });
});
