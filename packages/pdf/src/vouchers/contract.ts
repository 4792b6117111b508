import { formatGuardedYen, formatYen } from '@denpyo/jp';
import { formatWarekiDateTime, formatWarekiFiscalYear } from '../datetime';
import {
  drawFieldTable,
  drawHeader,
  drawItemTable,
  drawSectionHeading,
  drawVerificationFooter,
  renderPdf,
  type Column,
  type FieldRow,
} from '../form';
import { verificationHash } from '../hash';
import { partyLines, periodLabel, taxRateLabel } from '../labels';
import type { BudgetStatus, ContractVoucher, RouteStep } from '../types';
import { spaced } from '../text';

const TITLE = '支出負担行為決議書';

const ROUTE_COLUMNS: readonly Column[] = [
  { header: '決裁区分', width: 60, align: 'center' },
  { header: '職名', width: 100 },
  { header: '氏名', width: 85 },
  { header: '決裁日時', width: 115, align: 'center' },
  { header: '意見', width: '*' },
];

const BUDGET_COLUMNS: readonly Column[] = [
  { header: '予算現額', width: '*', align: 'right' },
  { header: '既負担額', width: '*', align: 'right' },
  { header: '今回負担額', width: '*', align: 'right' },
  { header: '残額', width: '*', align: 'right' },
];

const SCHEDULE_COLUMNS: readonly Column[] = [
  { header: '年度', width: 150, align: 'center' },
  { header: '支出予定額', width: '*', align: 'right' },
];

/** A signed step prints its signer; a step not yet signed is an empty box under its rank. */
function routeRow(step: RouteStep): string[] {
  const { signer } = step;
  if (!signer) return [step.rank, '', '', '', ''];
  return [
    step.rank,
    signer.title,
    signer.name,
    formatWarekiDateTime(signer.at),
    signer.comment ?? '',
  ];
}

function budgetRow(status: BudgetStatus): string[] {
  return [
    status.currentAmount,
    status.committedBefore,
    status.thisCommitment,
    status.remaining,
  ].map(formatGuardedYen);
}

/** The fields of the form, in the order of the city's paper 支出負担行為決議書. */
export function contractFields(voucher: ContractVoucher): FieldRow[] {
  const { drafter } = voucher;
  return [
    ['年度', formatWarekiFiscalYear(voucher.fiscalYear)],
    ['予算科目', voucher.budget.name || voucher.budget.code],
    ['件名', voucher.title],
    ['契約の相手方', partyLines(voucher.vendor)],
    ['契約種別', voucher.kind],
    ['契約方法', voucher.method ?? '（記録なし）'],
    ['契約金額（税込）', formatGuardedYen(voucher.amount)],
    ['うち消費税額', spaced(formatYen(voucher.tax), `（税率 ${taxRateLabel(voucher.taxRate)}）`)],
    ['契約期間', periodLabel(voucher.period)],
    ['起案課', drafter.department ?? drafter.title],
    ['起案者', spaced(drafter.title, drafter.name, formatWarekiDateTime(drafter.at))],
  ];
}

/**
 * 支出負担行為決議書: the commitment of budget to a contract, as the city's paper form carried it:
 * the budget line by 款・項・目・節 name and its figures as of this commitment (予算現額, 既負担額,
 * 今回負担額, 残額), the contract and its 契約方法, the 起案課 and 起案者, the route (決裁欄: each
 * rank with its signer's name, title and time in place of a seal, or an empty box while
 * unsigned) and, for a multi-year contract, its amount per fiscal year (債務負担行為).
 */
export function renderContractVoucher(
  voucher: ContractVoucher,
  verificationUrl?: string,
): Promise<Buffer> {
  const info = {
    title: TITLE,
    city: voucher.city,
    documentNumber: voucher.documentNumber,
    date: voucher.date,
  };
  return renderPdf(info, (doc) => {
    drawHeader(doc, info, '次のとおり支出負担行為を決議する。');
    drawFieldTable(doc, contractFields(voucher));
    drawSectionHeading(doc, '予算執行状況（支出負担行為時点）');
    drawItemTable(
      doc,
      BUDGET_COLUMNS,
      voucher.budgetStatus ? [budgetRow(voucher.budgetStatus)] : [['（記録なし）', '', '', '']],
    );
    if (voucher.schedule && voucher.schedule.length > 1) {
      drawSectionHeading(doc, '債務負担行為（年度別支出予定額）');
      drawItemTable(
        doc,
        SCHEDULE_COLUMNS,
        voucher.schedule.map((entry) => [
          formatWarekiFiscalYear(entry.fiscalYear),
          formatGuardedYen(entry.amount),
        ]),
      );
    }
    drawSectionHeading(doc, '決裁欄（電子決裁）');
    drawItemTable(doc, ROUTE_COLUMNS, voucher.route.map(routeRow));
    drawVerificationFooter(doc, verificationHash(voucher), verificationUrl);
  });
}
