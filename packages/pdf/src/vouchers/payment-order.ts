import { formatGuardedYen, formatWarekiDate, formatYen } from '@denpyo/jp';
import { formatWarekiFiscalYear } from '../datetime';
import {
  drawEmptyNote,
  drawFieldTable,
  drawHeader,
  drawItemTable,
  drawSectionHeading,
  drawVerificationFooter,
  fieldTableHeight,
  itemTableHeight,
  renderPdf,
  type Column,
  type FieldRow,
  type SummaryRow,
} from '../form';
import { verificationHash } from '../hash';
import {
  APPROVAL_COLUMNS,
  approvalRows,
  bankAccountLabel,
  partyLines,
  signOffLabel,
  taxRateLabel,
} from '../labels';
import type { PaymentOrderVoucher } from '../types';
import { spaced } from '../text';

const TITLE = '支出命令書';
/** Space between the sign-offs and the 会計管理者確認 line. */
const CONFIRMATION_GAP = 6;

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

/**
 * 支払金額; when credit notes reduced it, 請求金額 and each 返還額 first; when tax is withheld,
 * 源泉徴収税額 and the 差引支払額 that is transferred.
 */
function amountFields(voucher: PaymentOrderVoucher): [string, string][] {
  const credits = voucher.credits ?? [];
  if (credits.length > 0) {
    return [
      ['請求金額', formatGuardedYen(voucher.total)],
      ...credits.map(({ creditNoteNumber, total }): [string, string] => [
        '返還額',
        spaced(`△${formatGuardedYen(total)}`, `（返還請求書 ${creditNoteNumber}）`),
      ]),
      ['支払金額', formatGuardedYen(voucher.netAmount)],
    ];
  }
  if (voucher.withholdingTax === 0) return [['支払金額', formatGuardedYen(voucher.total)]];
  return [
    ['請求金額', formatGuardedYen(voucher.total)],
    ['源泉徴収税額', formatGuardedYen(voucher.withholdingTax)],
    ['差引支払額', formatGuardedYen(voucher.netAmount)],
  ];
}

/** 支払方法 and 振込先口座, or that the account is not known to this voucher. */
function paymentField(voucher: PaymentOrderVoucher): FieldRow {
  if (!voucher.payment) return ['支払方法・振込先', '（口座未登録）'];
  const { method, account } = voucher.payment;
  return ['支払方法・振込先', spaced(method, bankAccountLabel(account))];
}

/** The fields of the form, in the order of the city's paper 支出命令書. */
export function paymentOrderFields(voucher: PaymentOrderVoucher): FieldRow[] {
  return [
    ['年度', formatWarekiFiscalYear(voucher.fiscalYear)],
    ['予算科目', voucher.budget.name || voucher.budget.code],
    // The registration number is printed with 請求書区分: the invoice's, not the register's.
    ['債権者', partyLines({ name: voucher.vendor.name, address: voucher.vendor.address })],
    ['契約', spaced(voucher.contract.documentNumber, voucher.contract.title)],
    ['請求書番号', voucher.invoiceNumber],
    ['請求書区分', qualifiedLabel(voucher)],
    [
      '請求書受付日',
      formatWarekiDate(voucher.receivedOn),
      '支払期日',
      formatWarekiDate(voucher.dueDate),
    ],
    paymentField(voucher),
    ...amountFields(voucher),
  ];
}

function lineSummary(voucher: PaymentOrderVoucher): SummaryRow[] {
  return voucher.amountsInclude === 'tax-included'
    ? [{ label: '合計（税込）', value: formatYen(voucher.total) }]
    : [{ label: '小計（税抜）', value: formatYen(voucher.subtotal) }];
}

/**
 * 支出命令書: the order to pay an invoice, with the budget line by name, the invoice's figures as
 * stated (per-rate tax, 適格請求書 or not, withholding and 差引支払額), its deadlines, how and to
 * which account it is paid, who received, inspected and ordered it, by name, title and time, and
 * the 会計管理者's confirmation.
 */
export function renderPaymentOrderVoucher(
  voucher: PaymentOrderVoucher,
  verificationUrl?: string,
): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: voucher.city,
    documentNumber: voucher.documentNumber,
    date: voucher.date,
  };
  return renderPdf(info, (doc) => {
    drawHeader(doc, info, '次のとおり支出を命令する。');
    drawFieldTable(doc, paymentOrderFields(voucher));

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

    // The sign-offs and the 会計管理者's confirmation stay on one page with their heading.
    const approvals = approvalRows(voucher.approvals);
    const confirmation: FieldRow[] = [
      ['会計管理者確認', voucher.confirmation ? signOffLabel(voucher.confirmation) : '未確認'],
    ];
    drawSectionHeading(
      doc,
      '決裁記録（電子決裁）',
      itemTableHeight(doc, APPROVAL_COLUMNS, approvals) +
        CONFIRMATION_GAP +
        fieldTableHeight(doc, confirmation),
    );
    if (approvals.length > 0) drawItemTable(doc, APPROVAL_COLUMNS, approvals);
    else drawEmptyNote(doc, '決裁記録なし');
    doc.y += CONFIRMATION_GAP;
    drawFieldTable(doc, confirmation);
    drawVerificationFooter(doc, verificationHash(voucher), verificationUrl);
  });
}
