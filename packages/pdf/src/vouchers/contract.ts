import { formatYen } from '@denpyo/jp';
import { formatWarekiFiscalYear } from '../datetime';
import {
  drawEmptyNote,
  drawFieldTable,
  drawHeader,
  drawItemTable,
  drawSectionHeading,
  drawVerificationFooter,
  renderPdf,
} from '../form';
import { verificationHash } from '../hash';
import { APPROVAL_COLUMNS, approvalRows, partyLines, periodLabel, taxRateLabel } from '../labels';
import type { ContractVoucher } from '../types';
import { spaced } from '../text';

const TITLE = '支出負担行為決議書';

/** 支出負担行為決議書: the commitment of budget to a contract, with its electronic approvals. */
export function renderContractVoucher(voucher: ContractVoucher): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: voucher.city,
    documentNumber: voucher.documentNumber,
    date: voucher.date,
  };
  return renderPdf(info, (doc) => {
    drawHeader(doc, info, '次のとおり支出負担行為を決議する。');
    drawFieldTable(doc, [
      ['年度', formatWarekiFiscalYear(voucher.fiscalYear)],
      ['予算科目', spaced(voucher.budget.code, voucher.budget.name)],
      ['件名', voucher.title],
      ['契約の相手方', partyLines(voucher.vendor)],
      ['契約金額（税込）', formatYen(voucher.amount)],
      ['消費税率', taxRateLabel(voucher.taxRate)],
      ['契約期間', periodLabel(voucher.period)],
    ]);
    drawSectionHeading(doc, '決裁記録（電子決裁）');
    if (voucher.approvals.length > 0)
      drawItemTable(doc, APPROVAL_COLUMNS, approvalRows(voucher.approvals));
    else drawEmptyNote(doc, '決裁記録なし');
    drawVerificationFooter(doc, verificationHash(voucher));
  });
}
