import { formatGuardedYen, formatWarekiDate, formatYen } from '@denpyo/jp';
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

const INVOICE_COLUMNS: readonly Column[] = [
  { header: 'No.', width: 28, align: 'center' },
  { header: '請求書番号', width: '*' },
  { header: '請求日', width: 84, align: 'center' },
];

/** Once the bank has reported: whether each line was transferred. */
const RESULT_COLUMN: Column = { header: '状態', width: 50, align: 'center' };

/** The amount owed, the tax kept back (所得税法 Art. 204) and what is transferred; the totals
 * print under the last. */
const AMOUNT_COLUMNS: readonly Column[] = [
  { header: '支払金額', width: 78, align: 'right' },
  { header: '源泉徴収税額', width: 72, align: 'right' },
  { header: '差引振込額', width: 78, align: 'right' },
];

/** 遅延利息 (支払遅延防止法 Art. 8) is named as such, beside the invoice it is owed on. */
function itemLabel(item: RemittanceItem): string {
  return item.kind === 'late-interest' ? `遅延利息（${item.invoiceNumber}）` : item.invoiceNumber;
}

function accountLabel(account: BankAccount): string {
  return spaced(account.bankName, account.branchName, account.type, account.number);
}

const netOf = (item: RemittanceItem) => item.amount - (item.withholdingTax ?? 0);
const failed = (item: RemittanceItem) => item.result?.status === 'failed';
const sum = (items: readonly RemittanceItem[], of: (item: RemittanceItem) => number) =>
  items.reduce((total, item) => total + of(item), 0);

function itemRow(item: RemittanceItem, index: number, settled: boolean): string[] {
  return [
    String(index + 1),
    itemLabel(item),
    item.invoiceDate ? formatWarekiDate(item.invoiceDate) : '—',
    ...(settled ? [failed(item) ? '振込不能' : '振込済'] : []),
    formatYen(item.amount),
    formatYen(item.withholdingTax ?? 0),
    formatYen(netOf(item)),
  ];
}

/**
 * 振込通知書: tells the vendor, for one transfer batch, which invoices the city pays and when:
 * from the batch's approval with the 振込予定日, after the bank's report with the 振込日 and each
 * line's result. A line the bank could not transfer (振込不能) is marked so and left out of the
 * totals, so the notice never tells of money that did not arrive.
 */
export function renderRemittanceNotice(
  notice: RemittanceNotice,
  verificationUrl?: string,
): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: notice.city,
    documentNumber: notice.documentNumber,
    date: notice.date,
  };
  const settled = notice.status === 'settled';
  const transferred = notice.items.filter((item) => !failed(item));
  const failures = notice.items.filter(failed);
  return renderPdf(info, (doc) => {
    drawHeader(doc, info);
    drawText(doc, spaced(notice.vendor.name, '御中'), { bold: true, size: 12 });
    doc.moveDown(0.6);
    drawText(
      doc,
      settled
        ? '下記のとおりお振込みしましたので、お知らせします。'
        : '下記のとおりお振込みする予定ですので、お知らせします。',
    );
    doc.moveDown(0.6);
    drawFieldTable(doc, [
      [settled ? '振込日' : '振込予定日', formatWarekiDate(notice.transferDate)],
      [settled ? '振込金額' : '振込予定金額', formatGuardedYen(notice.total)],
      ['振込先口座', accountLabel(notice.bankAccount)],
      ['口座名義', notice.bankAccount.holderKana],
      ...(notice.vendor.registrationNumber
        ? [['登録番号', notice.vendor.registrationNumber] as const]
        : []),
    ]);
    drawSectionHeading(doc, '内訳');
    drawItemTable(
      doc,
      [...INVOICE_COLUMNS, ...(settled ? [RESULT_COLUMN] : []), ...AMOUNT_COLUMNS],
      notice.items.map((item, index) => itemRow(item, index, settled)),
      [
        { label: '支払金額合計', value: formatYen(sum(transferred, (item) => item.amount)) },
        {
          label: '源泉徴収税額合計',
          value: formatYen(sum(transferred, (item) => item.withholdingTax ?? 0)),
        },
        { label: settled ? '差引振込額' : '差引振込予定額', value: formatYen(notice.total) },
      ],
    );
    if (failures.length > 0) {
      doc.moveDown(0.6);
      drawText(
        doc,
        [
          '次のものは金融機関から振込不能の連絡があったため、上記の合計に含めていません。',
          '口座をご確認のうえ、担当課へご連絡ください。',
          ...failures.map((item) => `・${itemLabel(item)}（事由：${failedReason(item)}）`),
        ].join('\n'),
      );
    }
    drawVerificationFooter(doc, verificationHash(notice), verificationUrl);
  });
}

function failedReason(item: RemittanceItem): string {
  return item.result?.status === 'failed' ? item.result.reason : '';
}
