import { parseSignedYen, previewInvoice, type LineInput } from './invoice-preview';

const line = (amount: string, taxRate = '10', withholding = false): LineInput => ({
  description: '品目',
  amount,
  taxRate,
  withholding,
});

describe('the live tax preview', () => {
  it('computes tax once per rate on the summed base, rounded down when none is stated', () => {
    // Per line it would be 99 + 99 = 198; once on 1,998 it is 199.
    const { totals, rates } = previewInvoice([line('999'), line('999')]);
    expect(totals?.taxes).toEqual([{ rate: 10, base: 1998, tax: 199 }]);
    expect(totals?.total).toBe(2197);
    expect(rates[0]?.accepted).toEqual({ down: 199, halfUp: 200, up: 200 });
  });

  it('takes a tax-included ¥1,099 as stated: tax 99, total 1,099 (not 1,100)', () => {
    const { totals } = previewInvoice([line('1,099')], { amountsInclude: 'tax-included' });
    expect(totals?.taxes).toEqual([{ rate: 10, base: 1099, tax: 99 }]);
    expect(totals?.subtotal).toBe(1000);
    expect(totals?.total).toBe(1099);
  });

  it('accepts a stated tax rounded down, half-up or up, and names anything else', () => {
    const lines = [line('1,005')];
    for (const tax of ['100', '101']) {
      const { rates, totals } = previewInvoice(lines, { stated: { '10': tax } });
      expect(rates[0]?.problem).toBeUndefined();
      expect(totals?.total).toBe(1005 + Number(tax));
    }
    const wrong = previewInvoice(lines, { stated: { '10': '102' } });
    expect(wrong.rates[0]).toMatchObject({ stated: 102, problem: 'not-accepted' });
    expect(previewInvoice(lines, { stated: { '10': 'abc' } }).rates[0]?.problem).toBe('unreadable');
  });

  it('allows discount lines while each base stays at or above zero', () => {
    const { totals, rates } = previewInvoice([line('10,000'), line('▲1,000'), line('-500', '8')]);
    expect(rates.map((r) => [r.rate, r.base, r.problem])).toEqual([
      [10, 9000, undefined],
      [8, -500, 'negative-base'],
    ]);
    expect(totals?.taxes[0]).toEqual({ rate: 10, base: 9000, tax: 900 });
  });

  it('withholds 10.21% of an individual’s fee: ¥100,000 → ¥10,210, net ¥89,790 after tax', () => {
    const { withholding, net, totals } = previewInvoice([line('100,000', '10', true)], {
      withholdingAllowed: true,
    });
    expect(withholding).toEqual({ base: 100000, tax: 10210 });
    expect(totals?.total).toBe(110000);
    expect(net).toBe(110000 - 10210);
    // 20.42% above ¥1,000,000.
    expect(
      previewInvoice([line('1,500,000', '10', true)], { withholdingAllowed: true }).withholding
        ?.tax,
    ).toBe(102100 + 102100);
  });

  it('ignores withholding marks for a corporation', () => {
    const preview = previewInvoice([line('100,000', '10', true)], { withholdingAllowed: false });
    expect(preview.withholding).toBeUndefined();
    expect(preview.net).toBe(110000);
  });

  it('names the lines it cannot read and shows nothing before an amount is typed', () => {
    expect(previewInvoice([line(''), line('')]).totals).toBeUndefined();
    const preview = previewInvoice([line('abc'), line('1.5'), line('0'), line('100', '5')]);
    expect(preview.unreadable).toEqual([0, 1, 2, 3]);
  });

  it('reads signed amounts as people type them', () => {
    expect(parseSignedYen('１，０００円')).toBe(1000);
    expect(parseSignedYen('△2,000')).toBe(-2000);
    expect(parseSignedYen('−300')).toBe(-300);
    expect(parseSignedYen('1-2')).toBeUndefined();
  });
});
