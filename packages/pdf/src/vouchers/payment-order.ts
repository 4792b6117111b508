import { formatWarekiDate, formatYen } from '@denpyo/jp';
import { formatWarekiFiscalYear } from '../datetime';
import {
  drawEmptyNote,
  drawFieldTable,
  drawHeader,
  drawItemTable,
  drawSectionHeading,
  drawVerificationFooter,
  renderPdf,
  type Column,
} from '../form';
import { verificationHash } from '../hash';
import { APPROVAL_COLUMNS, approvalRows, partyLines, taxRateLabel } from '../labels';
import type { PaymentOrderVoucher } from '../types';
import { spaced } from '../text';

const TITLE = '支出命令書';

const LINE_COLUMNS: readonly Column[] = [
  { header: 'No.', width: 36, align: 'center' },
  { header: '摘要', width: '*' },
  { header: '税率', width: 100, align: 'center' },
  { header: '金額（税抜）', width: 120, align: 'right' },
];

const TAX_COLUMNS: readonly Column[] = [
  { header: '税率', width: '*', align: 'center' },
  { header: '対象額（税抜）', width: 150, align: 'right' },
  { header: '消費税額', width: 150, align: 'right' },
];

/** 支出命令書: the order to pay an invoice, with per-rate tax and its electronic approvals. */
export function renderPaymentOrderVoucher(voucher: PaymentOrderVoucher): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: voucher.city,
    documentNumber: voucher.documentNumber,
    date: voucher.date,
  };
  return renderPdf(info, (doc) => {
    drawHeader(doc, info, '次のとおり支出を命令する。');
    drawFieldTable(doc, [
      ['年度', formatWarekiFiscalYear(voucher.fiscalYear)],
      ['予算科目', spaced(voucher.budget.code, voucher.budget.name)],
      ['債権者', partyLines(voucher.vendor)],
      ['契約', spaced(voucher.contract.documentNumber, voucher.contract.title)],
      ['請求書番号', voucher.invoiceNumber],
      ['請求書受付日', formatWarekiDate(voucher.receivedOn)],
      ['支払期日', formatWarekiDate(voucher.dueDate)],
      ['支払金額', formatYen(voucher.total)],
    ]);

    drawSectionHeading(doc, '明細');
    drawItemTable(
      doc,
      LINE_COLUMNS,
      voucher.lines.map((line, index) => [
        String(index + 1),
        line.description,
        taxRateLabel(line.taxRate),
        formatYen(line.amount),
      ]),
      [{ label: '小計（税抜）', value: formatYen(voucher.subtotal) }],
    );

    drawSectionHeading(doc, '税率ごとの内訳');
    drawItemTable(
      doc,
      TAX_COLUMNS,
      voucher.taxes.map((t) => [taxRateLabel(t.rate), formatYen(t.base), formatYen(t.tax)]),
      [{ label: '合計（税込）', value: formatYen(voucher.total) }],
    );

    drawSectionHeading(doc, '決裁記録（電子決裁）');
    if (voucher.approvals.length > 0)
      drawItemTable(doc, APPROVAL_COLUMNS, approvalRows(voucher.approvals));
    else drawEmptyNote(doc, '決裁記録なし');
    drawVerificationFooter(doc, verificationHash(voucher));
  });
}
