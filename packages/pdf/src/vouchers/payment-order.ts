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
  type SummaryRow,
} from '../form';
import { verificationHash } from '../hash';
import { APPROVAL_COLUMNS, approvalRows, partyLines, taxRateLabel } from '../labels';
import type { PaymentOrderVoucher } from '../types';
import { spaced } from '../text';

const TITLE = '支出命令書';

/** 税抜 or 税込: how the invoice states its amounts, printed in the column headers. */
function taxLabel(voucher: PaymentOrderVoucher): string {
  return voucher.amountsInclude === 'tax-included' ? '税込' : '税抜';
}

function lineColumns(voucher: PaymentOrderVoucher): Column[] {
  return [
    { header: 'No.', width: 36, align: 'center' },
    { header: '摘要', width: '*' },
    { header: '税率', width: 100, align: 'center' },
    { header: `金額（${taxLabel(voucher)}）`, width: 120, align: 'right' },
  ];
}

function taxColumns(voucher: PaymentOrderVoucher): Column[] {
  return [
    { header: '税率', width: '*', align: 'center' },
    { header: `対象額（${taxLabel(voucher)}）`, width: 150, align: 'right' },
    { header: '消費税額（請求書記載）', width: 150, align: 'right' },
  ];
}

/** 適格請求書 with its registration number, or why not (免税事業者 are paid all the same). */
function qualifiedLabel(voucher: PaymentOrderVoucher): string {
  if (voucher.qualified && voucher.vendor.registrationNumber) {
    return spaced('適格請求書', `登録番号 ${voucher.vendor.registrationNumber}`);
  }
  return '適格請求書ではない（登録番号の記載なし）';
}

/** 支払金額, and when tax is withheld, 源泉徴収税額 and the 差引支払額 that is transferred. */
function amountFields(voucher: PaymentOrderVoucher): [string, string][] {
  if (voucher.withholdingTax === 0) return [['支払金額', formatYen(voucher.total)]];
  return [
    ['請求金額', formatYen(voucher.total)],
    ['源泉徴収税額', formatYen(voucher.withholdingTax)],
    ['差引支払額', formatYen(voucher.netAmount)],
  ];
}

function lineSummary(voucher: PaymentOrderVoucher): SummaryRow[] {
  return voucher.amountsInclude === 'tax-included'
    ? [{ label: '合計（税込）', value: formatYen(voucher.total) }]
    : [{ label: '小計（税抜）', value: formatYen(voucher.subtotal) }];
}

/**
 * 支出命令書: the order to pay an invoice, with the invoice's figures as stated (per-rate tax,
 * 適格請求書 or not, withholding), its deadlines, and who received, inspected, ordered and
 * confirmed it, by name and title.
 */
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
      // The registration number is printed with 請求書区分: the invoice's, not the register's.
      ['債権者', partyLines({ name: voucher.vendor.name, address: voucher.vendor.address })],
      ['契約', spaced(voucher.contract.documentNumber, voucher.contract.title)],
      ['請求書番号', voucher.invoiceNumber],
      ['請求書区分', qualifiedLabel(voucher)],
      ['請求書受付日', formatWarekiDate(voucher.receivedOn)],
      ['支払期日', formatWarekiDate(voucher.dueDate)],
      ...amountFields(voucher),
    ]);

    drawSectionHeading(doc, '明細');
    drawItemTable(
      doc,
      lineColumns(voucher),
      voucher.lines.map((line, index) => [
        String(index + 1),
        line.withholding ? spaced(line.description, '〔源泉徴収対象〕') : line.description,
        taxRateLabel(line.taxRate),
        formatYen(line.amount),
      ]),
      lineSummary(voucher),
    );

    drawSectionHeading(doc, '税率ごとの内訳（請求書記載の税額）');
    drawItemTable(
      doc,
      taxColumns(voucher),
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
