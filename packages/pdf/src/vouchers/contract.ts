import { formatYen } from '@denpyo/jp';
import { formatWarekiDateTime, formatWarekiFiscalYear } from '../datetime';
import {
  drawFieldTable,
  drawHeader,
  drawItemTable,
  drawSectionHeading,
  drawVerificationFooter,
  renderPdf,
  type Column,
} from '../form';
import { verificationHash } from '../hash';
import { partyLines, periodLabel, taxRateLabel } from '../labels';
import type { ContractVoucher, RouteStep } from '../types';
import { spaced } from '../text';

const TITLE = '支出負担行為決議書';

const ROUTE_COLUMNS: readonly Column[] = [
  { header: '決裁区分', width: 60, align: 'center' },
  { header: '職名', width: 100 },
  { header: '氏名', width: 85 },
  { header: '決裁日時', width: 115, align: 'center' },
  { header: '意見', width: '*' },
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

/**
 * 支出負担行為決議書: the commitment of budget to a contract. It prints the 起案者, the route the
 * delegation rules fixed (each rank with its signer's name, title and time, or an empty box
 * while unsigned) and, for a multi-year contract, its amount per fiscal year (債務負担行為).
 * Names are display names and titles, never usernames.
 */
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
      ['契約種別', voucher.kind],
      ['契約方法', voucher.method ?? '（記録なし）'],
      ['契約金額（税込）', formatYen(voucher.amount)],
      ['消費税率', taxRateLabel(voucher.taxRate)],
      ['契約期間', periodLabel(voucher.period)],
      [
        '起案者',
        spaced(
          voucher.drafter.title,
          voucher.drafter.name,
          formatWarekiDateTime(voucher.drafter.at),
        ),
      ],
    ]);
    if (voucher.schedule && voucher.schedule.length > 1) {
      drawSectionHeading(doc, '債務負担行為（年度別支出予定額）');
      drawItemTable(
        doc,
        SCHEDULE_COLUMNS,
        voucher.schedule.map((entry) => [
          formatWarekiFiscalYear(entry.fiscalYear),
          formatYen(entry.amount),
        ]),
      );
    }
    drawSectionHeading(doc, '決裁欄（電子決裁）');
    drawItemTable(doc, ROUTE_COLUMNS, voucher.route.map(routeRow));
    drawVerificationFooter(doc, verificationHash(voucher));
  });
}
