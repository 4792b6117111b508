import { previewInvoice, type LineInput } from './invoice-preview';

const line = (amount: string, taxRate = '10', description = '品目'): LineInput => ({
  description,
  amount,
  taxRate,
});

describe('the live tax preview', () => {
  it('computes tax once per rate on the summed base, rounded down', () => {
    // Per line it would be 99 + 99 = 198; once on 1,998 it is 199.
    const { totals } = previewInvoice([line('999'), line('999')]);
    expect(totals).toEqual({
      subtotal: 1998,
      taxes: [{ rate: 10, base: 1998, tax: 199 }],
      total: 2197,
    });
  });

  it('keeps the rates apart and lists them 10, 8, 0', () => {
    const { totals } = previewInvoice([line('1,001', '8'), line('12,345', '10'), line('500', '0')]);
    expect(totals?.taxes).toEqual([
      { rate: 10, base: 12345, tax: 1234 },
      { rate: 8, base: 1001, tax: 80 },
      { rate: 0, base: 500, tax: 0 },
    ]);
    expect(totals?.subtotal).toBe(13846);
    expect(totals?.total).toBe(13846 + 1234 + 80);
  });

  it('reads amounts as people type them and ignores empty lines', () => {
    const { totals, unreadable } = previewInvoice([line('１，０００円'), line(''), line('¥2,000')]);
    expect(totals?.subtotal).toBe(3000);
    expect(totals?.taxes[0]?.tax).toBe(300);
    expect(unreadable).toEqual([]);
  });

  it('names the lines it cannot read and shows nothing before an amount is typed', () => {
    expect(previewInvoice([line(''), line('')])).toEqual({ totals: undefined, unreadable: [] });
    const preview = previewInvoice([line('abc'), line('1.5'), line('0'), line('100', '5')]);
    expect(preview).toEqual({ totals: undefined, unreadable: [0, 1, 2, 3] });
  });

  it('agrees with the service on a large invoice', () => {
    const lines = Array.from({ length: 100 }, (_, i) =>
      line(String(1_000_003 + i * 7), i % 2 ? '8' : '10'),
    );
    const { totals } = previewInvoice(lines);
    const base10 = lines.filter((_, i) => i % 2 === 0).reduce((s, l) => s + Number(l.amount), 0);
    const base8 = lines.filter((_, i) => i % 2 === 1).reduce((s, l) => s + Number(l.amount), 0);
    expect(totals?.taxes).toEqual([
      { rate: 10, base: base10, tax: Math.floor((base10 * 10) / 100) },
      { rate: 8, base: base8, tax: Math.floor((base8 * 8) / 100) },
    ]);
  });
});
