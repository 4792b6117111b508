import {
  renderContractVoucher,
  renderPaymentOrderVoucher,
  renderRemittanceNotice,
  usePdfRendering,
  verificationHash,
  type ApprovalRecord,
} from '../src';
import type { RemittanceNotice } from '../src';
import {
  contractVoucher,
  fiveLineOrder,
  fortyLineOrderWithWithholding,
  paymentOrderVoucher,
  remittanceNotice,
} from './fixtures';
import { freshCopyOfPackage } from './fresh-package';
import { compact, pdfInfo, pdfText } from './pdf-text';

const MAX_BYTES = 100 * 1024;

// Every render here is drawn: no cache answers a voucher asked for again (pool.test.ts and
// rendered-pdfs.test.ts test it).
afterAll(usePdfRendering({ cacheBytes: 0 }));

describe('renderContractVoucher', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderContractVoucher(contractVoucher);
    text = pdfText(pdf);
  });

  it('prints the title, city, number, 令和 dates and the parties', () => {
    expect(compact(text)).toContain('支出負担行為決議書');
    for (const expected of [
      '横浜市',
      '契-2026-001234',
      '令和8年11月24日',
      '令和8年度',
      '08款 土木費 02項 道路橋りょう費 02目 道路維持費 14節 工事請負費',
      '市道本町線舗装補修工事（その2）',
      '株式会社みなと建設',
      'T8010001008843',
      '令和8年12月1日 から 令和9年3月19日 まで',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the amount guarded by ￥ and －, and the tax it contains at its rate', () => {
    expect(text).toMatch(/契約金額（税込）\s+￥12,345,000－/);
    expect(text).toMatch(/うち消費税額\s+1,122,272円\s+（税率 10%）/);
  });

  it('prints the budget line as of the commitment: 予算現額, 既負担額, 今回負担額, 残額', () => {
    expect(text).toMatch(/予算現額\s+既負担額\s+今回負担額\s+残額/);
    expect(text).toMatch(/￥150,000,000－\s+￥98,765,000－\s+￥12,345,000－\s+￥38,890,000－/);
  });

  it('says the budget figures were not recorded for a contract committed before they were', async () => {
    const withoutFigures = { ...contractVoucher };
    delete withoutFigures.budgetStatus;
    expect(pdfText(await renderContractVoucher(withoutFigures))).toMatch(
      /今回負担額\s+残額\s+（記録なし）/,
    );
  });

  it('prints the drafter, kind and method, and each step of the route with its signer', () => {
    expect(text).toMatch(/起案課\s+都市整備局 道路課/);
    expect(text).toMatch(/起案者\s+道路課 主任\s+佐藤 花子\s+令和8年11月20日 09:15/);
    expect(text).toMatch(/契約種別\s+工事/);
    expect(text).toMatch(/契約方法\s+一般競争入札/);
    expect(text).toMatch(/課長\s+道路課長\s+鈴木 一郎\s+令和8年11月21日 15:40/);
    expect(text).toMatch(/部長\s+都市整備局長\s+高橋 健\s+令和8年11月24日 10:32/);
    expect(compact(text)).toContain('設計書と内訳を確認済み');
  });

  it('prints the verification hash of the data it was rendered from', () => {
    expect(compact(text)).toContain(
      `検証用ハッシュ（SHA-256）${verificationHash(contractVoucher)}`,
    );
  });

  it('sets the PDF title and author and fits on one small page', () => {
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('支出負担行為決議書');
    expect(info.Author).toBe('横浜市');
    expect(info.Pages).toBe('1');
    expect(pdf.length).toBeLessThan(MAX_BYTES);
  });

  it('prints an empty box under each rank not yet signed', async () => {
    const pending = pdfText(
      await renderContractVoucher({
        ...contractVoucher,
        route: [contractVoucher.route[0]!, { rank: '部長' }, { rank: '副市長' }],
      }),
    );
    expect(pending).toMatch(/鈴木 一郎/);
    expect(pending).not.toMatch(/高橋 健/);
    expect(pending).toMatch(/部長\s+副市長\s+検証用ハッシュ/);
  });

  it('prints a multi-year schedule (債務負担行為) by fiscal year', async () => {
    const multiYear = pdfText(
      await renderContractVoucher({
        ...contractVoucher,
        period: { start: '2026-12-01', end: '2028-03-31' },
        schedule: [
          { fiscalYear: 2026, amount: 2_345_000 },
          { fiscalYear: 2027, amount: 10_000_000 },
        ],
      }),
    );
    expect(compact(multiYear)).toContain('債務負担行為（年度別支出予定額）');
    expect(multiYear).toMatch(/令和8年度\s+￥2,345,000－\s+令和9年度\s+￥10,000,000－/);
    expect(text).not.toContain('債務負担行為');
  });

  it('rejects a malformed voucher date instead of printing it', async () => {
    // Thrown on the worker thread and cloned back as a RangeError of Node's realm, which is not
    // the RangeError of jest's sandbox: compared by name.
    await expect(
      renderContractVoucher({ ...contractVoucher, date: '2026/11/24' }),
    ).rejects.toMatchObject({ name: 'RangeError', message: 'not an ISO date: 2026/11/24' });
  });
});

describe('renderPaymentOrderVoucher', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderPaymentOrderVoucher(paymentOrderVoucher);
    text = pdfText(pdf);
  });

  it('prints the title, contract, invoice and dates', () => {
    expect(compact(text)).toContain('支出命令書');
    for (const expected of [
      '支-2027-000987',
      '令和9年1月15日',
      '契-2026-001234',
      'INV-2027-0042',
      '令和9年1月8日',
      '令和9年2月5日',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the lines, subtotal and total with separators, amounts on the same row', () => {
    expect(text).toMatch(/舗装補修工事 出来高（12月分）\s+10%\s+4,200,000円/);
    expect(text).toMatch(/現場作業員用 弁当・飲料\s+8%（軽減税率）\s+53,704円/);
    expect(text).toMatch(/小計（税抜）\s+4,901,704円/);
    expect(text).toMatch(/合計（税込）\s+5,390,800円/);
  });

  it('prints the tax breakdown per rate: rate, base and tax', () => {
    expect(text).toMatch(/10%\s+4,848,000円\s+484,800円/);
    expect(text).toMatch(/8%（軽減税率）\s+53,704円\s+4,296円/);
  });

  it('prints the approvals and the verification hash', () => {
    expect(text).toMatch(/支出命令\s+道路課長\s+鈴木 一郎\s+令和9年1月14日 10:00/);
    expect(text).toMatch(/会計管理者確認\s+会計管理者\s+渡辺 直樹\s+令和9年1月15日 09:10/);
    expect(compact(text)).toContain(verificationHash(paymentOrderVoucher));
  });

  it('sets the PDF metadata and stays small', () => {
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('支出命令書');
    expect(info.Author).toBe('横浜市');
    expect(pdf.length).toBeLessThan(MAX_BYTES);
  });

  it('continues long approval lists on a new page and keeps the hash on the last one', async () => {
    const approvals: ApprovalRecord[] = Array.from({ length: 60 }, (_, i) => ({
      step: `審査${i + 1}`,
      name: '伊藤 誠',
      role: '会計課長',
      at: '2027-01-14T08:30:00Z',
    }));
    const long = { ...paymentOrderVoucher, approvals };
    const pdfLong = await renderPaymentOrderVoucher(long);
    const pages = pdfText(pdfLong)
      .split('\f')
      .filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) =>
      expect(page).toMatch(new RegExp(`支-2027-000987\\s+${index + 1}\\s*/\\s*${pages.length}`)),
    );
    expect(pages.at(-1)).toContain('審査60');
    expect(compact(pages.at(-1) ?? '')).toContain(verificationHash(long));
  });
});

describe('page breaks', () => {
  const pagesOf = (pdf: Buffer): string[] =>
    pdfText(pdf)
      .split('\f')
      .filter((page) => page.trim() !== '');

  it('keeps a five-line order on one page, hash footer included', async () => {
    const pages = pagesOf(await renderPaymentOrderVoucher(fiveLineOrder));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatch(/支-2027-000987\s+1\/1/);
    expect(compact(pages[0] ?? '')).toContain(verificationHash(fiveLineOrder));
  });

  it('repeats the table header on a continuation page and never leaves the footer alone', async () => {
    const pages = pagesOf(await renderPaymentOrderVoucher(fortyLineOrderWithWithholding));
    expect(pages.length).toBeGreaterThan(1);
    pages.slice(1).forEach((page) => expect(page).toMatch(/^\s*No\.\s+摘要\s+税率\s+金額（税込）/));
    pages.slice(0, -1).forEach((page) => {
      expect(page).toContain('（次葉へ続く）');
      expect(page).not.toContain('検証用ハッシュ');
    });
    const last = pages.at(-1) ?? '';
    expect(last).toMatch(/会計管理者確認\s+会計管理者\s+渡辺 直樹[\s\S]*検証用ハッシュ/);
    expect(last).toMatch(new RegExp(`支-2027-000987\\s+${pages.length}/${pages.length}`));
  });
});

describe('renderRemittanceNotice', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    pdf = await renderRemittanceNotice(remittanceNotice);
    text = pdfText(pdf);
  });

  it('prints the title, addressee, transfer date and bank account', () => {
    expect(compact(text)).toContain('振込通知書');
    for (const expected of [
      '株式会社みなと建設',
      '振-2027-000321',
      '令和9年2月1日',
      '令和9年2月5日',
      '横浜銀行',
      '本町支店',
      '1234567',
      'カ）ミナトケンセツ',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints each invoice amount and the total with separators', () => {
    expect(text).toMatch(/INV-2027-0042\s+—\s+5,390,800円/);
    expect(text).toMatch(/INV-2027-0051\s+—\s+1,122,000円/);
    expect(text).toMatch(/差引振込予定額\s+6,512,800円/);
  });

  it('prints the verification hash and sets the metadata', () => {
    expect(compact(text)).toContain(verificationHash(remittanceNotice));
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('振込通知書');
    expect(info.Author).toBe('横浜市');
    expect(pdf.length).toBeLessThan(MAX_BYTES);
  });
});

describe('renderRemittanceNotice with withholding and late interest', () => {
  // A lecturer's ¥100,000 fee: ¥10,210 withheld (10.21%), ¥89,790 transferred; and the
  // interest on a late payment, named 遅延利息.
  const notice: RemittanceNotice = {
    ...remittanceNotice,
    items: [
      { invoiceNumber: 'INV-2027-0077', amount: 100_000, kind: 'invoice', withholdingTax: 10_210 },
      { invoiceNumber: 'INV-2027-0042', amount: 15_000, kind: 'late-interest', withholdingTax: 0 },
    ],
    total: 104_790,
  };
  let text: string;
  beforeAll(async () => {
    text = pdfText(await renderRemittanceNotice(notice));
  });

  it('prints the amount, the tax withheld and the net transferred per line and in total', () => {
    expect(compact(text)).toContain('源泉徴収税額');
    expect(text).toMatch(/INV-2027-0077\s+—\s+100,000円\s+10,210円\s+89,790円/);
    expect(text).toMatch(/支払金額合計\s+115,000円/);
    expect(text).toMatch(/差引振込予定額\s+104,790円/);
  });

  it('names late-payment interest 遅延利息', () => {
    expect(compact(text)).toContain('遅延利息（INV-2027-0042）');
  });
});

describe('output', () => {
  it('is byte-identical for identical data', async () => {
    const first = await renderPaymentOrderVoucher(paymentOrderVoucher);
    const second = await renderPaymentOrderVoucher(structuredClone(paymentOrderVoucher));
    expect(first.equals(second)).toBe(true);
  });

  it('does not depend on what the process rendered before (shared parsed fonts)', async () => {
    const warm = await renderRemittanceNotice(remittanceNotice);
    const isolated = freshCopyOfPackage();
    expect(isolated.renderRemittanceNotice).not.toBe(renderRemittanceNotice);
    const fresh = await isolated.renderRemittanceNotice(remittanceNotice);
    expect(fresh.equals(warm)).toBe(true);
  });

  it('changes when the data changes', async () => {
    const first = await renderContractVoucher(contractVoucher);
    const changed = await renderContractVoucher({ ...contractVoucher, amount: 12_345_001 });
    expect(first.equals(changed)).toBe(false);
  });

  it('renders a one-page voucher quickly once the font is loaded', async () => {
    await renderPaymentOrderVoucher(paymentOrderVoucher); // warm-up: font file read, JIT
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await renderPaymentOrderVoucher(paymentOrderVoucher);
      timings.push(performance.now() - start);
    }
    const median = timings.sort((a, b) => a - b)[2];
    expect(median).toBeLessThan(200);
  });
});
