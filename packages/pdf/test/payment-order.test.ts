// The v2 facts of the 支出命令書: the invoice as stated (tax-included amounts, per-rate tax),
// 適格請求書 or not, withholding and the net amount, and the signers by name and title.
import { renderPaymentOrderVoucher, type PaymentOrderVoucher } from '../src';
import { paymentOrderVoucher } from './fixtures';
import { pdfText } from './pdf-text';

/** A lecturer (個人, 免税事業者) paid a tax-included fee with withholding, ordered and confirmed. */
const lecturerFee: PaymentOrderVoucher = {
  ...paymentOrderVoucher,
  vendor: { name: '山田 太郎' },
  qualified: false,
  amountsInclude: 'tax-included',
  lines: [
    { description: '職員研修 講演料', amount: 100_000, taxRate: 10, withholding: true },
    { description: '交通費', amount: 3_300, taxRate: 10 },
  ],
  subtotal: 93_910,
  taxes: [{ rate: 10, base: 103_300, tax: 9_390 }],
  total: 103_300,
  withholdingTax: 10_210,
  netAmount: 93_090,
  approvals: [
    { step: '受付', name: '田中 美咲', role: '人事課 主事', at: '2027-01-12T02:05:00Z' },
    { step: '検収', name: '佐藤 学', role: '人事課 主査', at: '2027-01-13T02:05:00Z' },
    { step: '支出命令', name: '伊藤 誠', role: '人事課長', at: '2027-01-14T08:30:00Z' },
  ],
  confirmation: {
    step: '確認',
    name: '渡辺 直樹',
    role: '会計管理者',
    at: '2027-01-15T00:10:00Z',
  },
};

describe('renderPaymentOrderVoucher (v2)', () => {
  let text: string;
  beforeAll(async () => {
    text = pdfText(await renderPaymentOrderVoucher(lecturerFee));
  });

  it('says the invoice is not a qualified invoice when it carries no registration number', () => {
    expect(text).toMatch(/請求書区分\s+適格請求書ではない（登録番号の記載なし）/);
  });

  it('prints the withholding tax and the net amount transferred', () => {
    expect(text).toMatch(/請求金額\s+￥103,300－/);
    expect(text).toMatch(/源泉徴収税額\s+￥10,210－/);
    expect(text).toMatch(/差引支払額\s+￥93,090－/);
    expect(text).not.toMatch(/支払金額/);
  });

  it('prints the 請求金額, each 返還額 with its credit note number, and the 支払金額 left', async () => {
    const credited = pdfText(
      await renderPaymentOrderVoucher({
        ...paymentOrderVoucher,
        credits: [{ creditNoteNumber: 'CN-2026-0001', total: 22_000 }],
        netAmount: paymentOrderVoucher.total - 22_000,
      }),
    );
    expect(credited).toMatch(
      new RegExp(`請求金額\\s+￥${paymentOrderVoucher.total.toLocaleString('en')}－`),
    );
    expect(credited).toMatch(/返還額\s+△￥22,000－\s+（返還請求書 CN-2026-0001）/);
    expect(credited).toMatch(
      new RegExp(`支払金額\\s+￥${(paymentOrderVoucher.total - 22_000).toLocaleString('en')}－`),
    );
  });

  it('prints tax-included amounts as such, with the tax as the invoice states it', () => {
    expect(text).toMatch(/金額（税込）/);
    expect(text).toMatch(/職員研修 講演料\s+〔源泉徴収対象〕\s+10%\s+100,000円/);
    expect(text).toMatch(/対象額（税込）\s+消費税額（請求書記載）/);
    expect(text).toMatch(/10%\s+103,300円\s+9,390円/);
  });

  it('prints the orderer and the 会計管理者 who confirmed, by title and name', () => {
    expect(text).toMatch(/支出命令\s+人事課長\s+伊藤 誠/);
    expect(text).toMatch(/会計管理者確認\s+会計管理者\s+渡辺 直樹\s+令和9年1月15日 09:10/);
  });

  it('says so while the 会計管理者 has not confirmed the order', async () => {
    const unconfirmed = { ...lecturerFee };
    delete unconfirmed.confirmation;
    expect(pdfText(await renderPaymentOrderVoucher(unconfirmed))).toMatch(
      /会計管理者確認\s+未確認/,
    );
  });

  it('prints how and to which account it is paid, or that the account is not registered', async () => {
    const withAccount = pdfText(await renderPaymentOrderVoucher(paymentOrderVoucher));
    expect(withAccount).toMatch(
      /支払方法・振込先\s+振込\s+横浜銀行\s+関内支店\s+普通\s+1234567\s+口座名義 ｶ\)ﾐﾅﾄｹﾝｾﾂ/,
    );
    const unregistered = { ...lecturerFee };
    delete unregistered.payment;
    expect(pdfText(await renderPaymentOrderVoucher(unregistered))).toMatch(
      /支払方法・振込先\s+（口座未登録）/,
    );
  });

  it('prints a qualified invoice’s registration number, and no withholding rows without it', async () => {
    const qualified = pdfText(await renderPaymentOrderVoucher(paymentOrderVoucher));
    expect(qualified).toMatch(/請求書区分\s+適格請求書\s+登録番号 T8010001008843/);
    expect(qualified).toMatch(/支払金額\s+￥5,390,800－/);
    expect(qualified).not.toMatch(/源泉徴収税額|差引支払額/);
    expect(qualified).toMatch(/金額（税抜）/);
  });
});
