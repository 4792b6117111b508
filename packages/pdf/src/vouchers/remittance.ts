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
import type { BankAccount, RemittanceItem, RemittanceNotice } from '../types';
import { spaced } from '../text';

const TITLE = '振込通知書';

const ITEM_COLUMNS: readonly Column[] = [
  { header: 'No.', width: 36, align: 'center' },
  { header: '請求書番号', width: '*' },
  { header: '支払金額', width: 150, align: 'right' },
];

/** With withholding: the amount owed, the tax kept back and what is transferred. */
const WITHHOLDING_COLUMNS: readonly Column[] = [
  { header: 'No.', width: 36, align: 'center' },
  { header: '請求書番号', width: '*' },
  { header: '支払金額', width: 100, align: 'right' },
  { header: '源泉徴収税額', width: 100, align: 'right' },
  { header: '差引振込額', width: 100, align: 'right' },
];

/** 遅延利息 (支払遅延防止法 Art. 8) is named as such, beside the invoice it is owed on. */
function itemLabel(item: RemittanceItem): string {
  return item.kind === 'late-interest' ? `遅延利息（${item.invoiceNumber}）` : item.invoiceNumber;
}

function accountLabel(account: BankAccount): string {
  return spaced(account.bankName, account.branchName, account.type, account.number);
}

/**
 * 振込通知書: tells the vendor when and how much the city transfers, per invoice; when income tax
 * was withheld (所得税法 Art. 204) each line shows it and the net transferred.
 */
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
    const withheld = notice.items.some((item) => (item.withholdingTax ?? 0) > 0);
    if (withheld) {
      const owed = notice.items.reduce((sum, item) => sum + item.amount, 0);
      const tax = notice.items.reduce((sum, item) => sum + (item.withholdingTax ?? 0), 0);
      drawItemTable(
        doc,
        WITHHOLDING_COLUMNS,
        notice.items.map((item, index) => [
          String(index + 1),
          itemLabel(item),
          formatYen(item.amount),
          formatYen(item.withholdingTax ?? 0),
          formatYen(item.amount - (item.withholdingTax ?? 0)),
        ]),
        [
          { label: '支払金額合計', value: formatYen(owed) },
          { label: '源泉徴収税額', value: formatYen(tax) },
          { label: '差引振込額', value: formatYen(notice.total) },
        ],
      );
    } else {
      drawItemTable(
        doc,
        ITEM_COLUMNS,
        notice.items.map((item, index) => [
          String(index + 1),
          itemLabel(item),
          formatYen(item.amount),
        ]),
        [{ label: '合計', value: formatYen(notice.total) }],
      );
    }
    drawVerificationFooter(doc, verificationHash(notice));
  });
}
