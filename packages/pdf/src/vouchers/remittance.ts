import { formatWarekiDate, formatYen } from '@denpyo/jp';
import {
  drawFieldTable,
  drawHeader,
  drawItemTable,
  drawSectionHeading,
  drawText,
  drawVerificationFooter,
  renderPdf,
  type Column,
} from '../form';
import { verificationHash } from '../hash';
import type { BankAccount, RemittanceNotice } from '../types';
import { spaced } from '../text';

const TITLE = '振込通知書';

const ITEM_COLUMNS: readonly Column[] = [
  { header: 'No.', width: 36, align: 'center' },
  { header: '請求書番号', width: '*' },
  { header: '支払金額', width: 150, align: 'right' },
];

function accountLabel(account: BankAccount): string {
  return spaced(account.bankName, account.branchName, account.type, account.number);
}

/** 振込通知書: tells the vendor when and how much the city transfers, per invoice. */
export function renderRemittanceNotice(notice: RemittanceNotice): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: notice.city,
    documentNumber: notice.documentNumber,
    date: notice.date,
  };
  return renderPdf(info, (doc) => {
    drawHeader(doc, info);
    drawText(doc, spaced(notice.vendor.name, '御中'), { bold: true, size: 12 });
    doc.moveDown(0.6);
    drawText(doc, '下記のとおりお振込みしますので、お知らせします。');
    doc.moveDown(0.6);
    drawFieldTable(doc, [
      ['振込日', formatWarekiDate(notice.transferDate)],
      ['振込金額', formatYen(notice.total)],
      ['振込先口座', accountLabel(notice.bankAccount)],
      ['口座名義', notice.bankAccount.holderKana],
      ...(notice.vendor.registrationNumber
        ? [['登録番号', notice.vendor.registrationNumber] as const]
        : []),
    ]);
    drawSectionHeading(doc, '内訳');
    drawItemTable(
      doc,
      ITEM_COLUMNS,
      notice.items.map((item, index) => [
        String(index + 1),
        item.invoiceNumber,
        formatYen(item.amount),
      ]),
      [{ label: '合計', value: formatYen(notice.total) }],
    );
    drawVerificationFooter(doc, verificationHash(notice));
  });
}
