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
import { APPROVAL_COLUMNS, approvalRows } from '../labels';
import { spaced } from '../text';
import type { ApprovalRecord } from '../types';

/** One receiving bank's share of a transfer batch. */
export interface TransferSummaryBank {
  bankCode: string;
  bankName: string;
  count: number;
  total: number;
}

/** 総合振込依頼書: the sheet the treasurer takes to the bank with the batch's Zengin file. */
export interface TransferSummary {
  city: string;
  documentNumber: string;
  /** ISO date the sheet is issued. */
  date: string;
  /** 依頼人: the city's own account the transfers are paid from. */
  requester: {
    nameKana: string;
    /** 委託者コード. */
    code: string;
    bankName: string;
    branchName: string;
    /** 普通 or 当座. */
    accountType: string;
    accountNumber: string;
  };
  /** ISO date: 振込指定日. */
  transferDate: string;
  /** 振込指定区分 as printed: 電信 or 文書. */
  transferDesignation: string;
  /** The Zengin file the sheet goes with. */
  fileName: string;
  /** Per receiving bank, in bank code order. */
  banks: readonly TransferSummaryBank[];
  count: number;
  total: number;
  /** Who drafted and who approved the batch. */
  approvals: readonly ApprovalRecord[];
}

const TITLE = '総合振込依頼書';

const BANK_COLUMNS: readonly Column[] = [
  { header: 'No.', width: 28, align: 'center' },
  { header: '金融機関コード', width: 80, align: 'center' },
  { header: '振込先金融機関', width: '*' },
  { header: '件数', width: 60, align: 'right' },
  { header: '振込金額', width: 110, align: 'right' },
];

const countLabel = (count: number) => `${count.toLocaleString('ja-JP')}件`;

/**
 * 総合振込依頼書: for one approved transfer batch, the 依頼人 and account debited, the 振込指定日,
 * the count and total per receiving bank and in all (the trailer record of the file carries the
 * same), and who drafted and approved the batch, for the treasurer to sign and hand in with the
 * file.
 */
export function renderTransferSummary(
  summary: TransferSummary,
  verificationUrl?: string,
): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: summary.city,
    documentNumber: summary.documentNumber,
    date: summary.date,
  };
  const { requester } = summary;
  return renderPdf(info, (doc) => {
    drawHeader(doc, info);
    drawText(doc, spaced(requester.bankName, requester.branchName, '御中'), {
      bold: true,
      size: 12,
    });
    doc.moveDown(0.6);
    drawText(doc, '下記のとおり総合振込を依頼します。');
    doc.moveDown(0.6);
    drawFieldTable(doc, [
      ['依頼人', requester.nameKana, '委託者コード', requester.code],
      [
        '引落口座',
        spaced(
          requester.bankName,
          requester.branchName,
          requester.accountType,
          requester.accountNumber,
        ),
      ],
      [
        '振込指定日',
        formatWarekiDate(summary.transferDate),
        '振込指定区分',
        summary.transferDesignation,
      ],
      ['振込件数', countLabel(summary.count), '振込金額合計', formatGuardedYen(summary.total)],
      ['振込データ', summary.fileName],
    ]);
    drawSectionHeading(doc, '振込先金融機関別内訳');
    drawItemTable(
      doc,
      BANK_COLUMNS,
      summary.banks.map((bank, index) => [
        String(index + 1),
        bank.bankCode,
        bank.bankName,
        countLabel(bank.count),
        formatYen(bank.total),
      ]),
      [{ label: spaced('合計', countLabel(summary.count)), value: formatYen(summary.total) }],
    );
    drawSectionHeading(doc, '決裁');
    drawItemTable(doc, APPROVAL_COLUMNS, approvalRows(summary.approvals));
    drawVerificationFooter(doc, verificationHash(summary), verificationUrl);
  });
}
