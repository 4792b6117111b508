import { renderTransferSummary, verificationHash } from '../src';
import { transferSummary as summary } from './fixtures';
import { compact, pdfText } from './pdf-text';

describe('renderTransferSummary', () => {
  let text: string;
  beforeAll(async () => {
    text = pdfText(await renderTransferSummary(summary));
  });

  it('is addressed to the paying bank and names the 依頼人, account and 振込指定日', () => {
    expect(text).toContain('総合振込依頼書');
    expect(text).toMatch(/みずほ\s+東京営業部\s+御中/);
    expect(text).toMatch(/依頼人\s+ﾃﾞﾝﾋﾟﾖｳｼ\s+委託者コード\s+1234567890/);
    expect(text).toMatch(/引落口座\s+みずほ\s+東京営業部\s+当座\s+7654321/);
    expect(text).toMatch(/振込指定日\s+令和9年2月5日\s+振込指定区分\s+電信/);
    expect(text).toMatch(/振込件数\s+5件\s+振込金額合計\s+￥1,479,357－/);
  });

  it('gives count and total per receiving bank and the grand total', () => {
    expect(text).toMatch(/1\s+0001\s+みずほ\s+2件\s+155,000円/);
    expect(text).toMatch(/2\s+0005\s+三菱ＵＦＪ\s+1件\s+89,790円/);
    expect(text).toMatch(/3\s+0009\s+三井住友\s+2件\s+1,234,567円/);
    expect(text).toMatch(/合計\s+5件\s+1,479,357円/);
  });

  it('names who drafted and who approved the batch, and carries its verification hash', () => {
    expect(text).toMatch(/起票\s+会計課 主任\s+佐藤 花子/);
    expect(text).toMatch(/承認\s+会計管理者\s+渡辺 直樹/);
    expect(compact(text)).toContain(verificationHash(summary));
  });
});
