import { renderRemittanceNotice } from '../src';
import { remittanceItems as items, remittanceNotice } from './fixtures';
import { compact, pdfText } from './pdf-text';

describe('renderRemittanceNotice of an approved batch', () => {
  let text: string;
  beforeAll(async () => {
    const scheduled = items.map(({ result: _result, ...item }) => item);
    text = pdfText(
      await renderRemittanceNotice({ ...remittanceNotice, items: scheduled, total: 166_790 }),
    );
  });

  it('says the transfer is to come, on its 振込予定日', () => {
    expect(text).toMatch(/振込予定日\s+令和9年2月5日/);
    expect(compact(text)).toContain('お振込みする予定です');
    expect(text).not.toMatch(/振込済|振込不能/);
  });

  it('lists each invoice with its 請求日, amount, withholding and net, and the totals', () => {
    expect(text).toMatch(/INV-2027-0077\s+令和9年1月10日\s+100,000円\s+10,210円\s+89,790円/);
    expect(text).toMatch(/INV-2027-0078\s+令和9年1月12日\s+55,000円\s+0円\s+55,000円/);
    expect(text).toMatch(/支払金額合計\s+177,000円/);
    expect(text).toMatch(/源泉徴収税額合計\s+10,210円/);
    expect(text).toMatch(/差引振込予定額\s+166,790円/);
  });
});

describe('renderRemittanceNotice of a settled batch', () => {
  let text: string;
  beforeAll(async () => {
    text = pdfText(
      await renderRemittanceNotice({
        ...remittanceNotice,
        status: 'settled',
        items,
        total: 144_790,
      }),
    );
  });

  it('gives the 振込日 and marks each line transferred or not', () => {
    expect(text).toMatch(/振込日\s+令和9年2月5日/);
    expect(compact(text)).toContain('お振込みしました');
    expect(text).toMatch(/INV-2027-0077\s+令和9年1月10日\s+振込済\s+100,000円/);
    expect(text).toMatch(/INV-2027-0079\s+令和9年1月15日\s+振込不能\s+22,000円/);
  });

  it('leaves a failed transfer out of the totals and names its reason', () => {
    expect(text).toMatch(/振込金額\s+￥144,790－/);
    expect(text).toMatch(/支払金額合計\s+155,000円/);
    expect(text).toMatch(/差引振込額\s+144,790円/);
    expect(compact(text)).toContain('INV-2027-0079（事由：口座なし）');
  });
});
