import {
  paymentOf,
  vendorInvoiceStatus,
  vendorStatusLabel,
  type VendorInvoiceFacts,
  type VendorPaymentFacts,
} from './vendor-status';

const invoice = (status: VendorInvoiceFacts['status']): VendorInvoiceFacts => ({
  id: 'inv-1',
  status,
  invoiceNumber: 'INV-1',
  total: 1_100_000,
  dueDate: '2026-12-25',
});
const payment = (
  status: VendorPaymentFacts['status'],
  transferDate?: string,
): VendorPaymentFacts => ({
  status,
  invoiceId: 'inv-1',
  invoiceNumber: 'INV-1',
  amount: 1_100_000,
  ...(transferDate ? { transferDate } : {}),
});

const words = (i: VendorInvoiceFacts, p?: VendorPaymentFacts) =>
  vendorStatusLabel(vendorInvoiceStatus(i, p));

describe("an invoice's status in the vendor's words", () => {
  it('受付済 when received, 検収済 when inspected, 差戻し when rejected', () => {
    expect(words(invoice('received'))).toBe('受付済');
    expect(words(invoice('inspected'))).toBe('検収済');
    expect(words(invoice('rejected'))).toBe('差戻し');
  });

  it('支払予定日 with the due date once the payment is ordered, in yyyy年m月d日', () => {
    expect(vendorInvoiceStatus(invoice('approved'))).toEqual({
      stage: 'scheduled',
      date: '2026-12-25',
    });
    expect(words(invoice('approved'))).toBe('支払予定日 2026年12月25日');
    expect(words(invoice('approved'), payment('scheduled'))).toBe('支払予定日 2026年12月25日');
  });

  it('支払予定日 with the transfer date once the payment is in a batch', () => {
    expect(words(invoice('approved'), payment('batched', '2026-12-04'))).toBe(
      '支払予定日 2026年12月4日',
    );
  });

  it('支払済 once the transfer is settled', () => {
    expect(vendorInvoiceStatus(invoice('approved'), payment('paid', '2026-12-04'))).toEqual({
      stage: 'paid',
      date: '2026-12-04',
    });
    expect(words(invoice('approved'), payment('paid', '2026-12-04'))).toBe('支払済');
  });

  it('never shows internal state names', () => {
    for (const status of ['received', 'inspected', 'approved', 'rejected'] as const) {
      for (const p of [undefined, payment('scheduled'), payment('paid', '2026-12-04')]) {
        expect(words(invoice(status), p)).not.toMatch(/[a-z]/);
      }
    }
    expect(words(invoice('approved'), payment('failed'))).not.toMatch(/[a-z]/);
  });

  it("finds an invoice's payment by its invoice id, never by a look-alike number", () => {
    const other = { ...payment('paid'), invoiceId: 'inv-9' };
    expect(paymentOf(invoice('approved'), [other])).toBeUndefined();
    const own = payment('batched', '2026-12-11');
    expect(paymentOf(invoice('approved'), [other, own])).toBe(own);
  });
});
