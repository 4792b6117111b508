// Wording shared by the vouchers.
import { formatWarekiDate } from '@denpyo/jp';
import { formatWarekiDateTime } from './datetime';
import type { Column } from './form';
import type { ApprovalRecord, Party, TaxRate } from './types';
import { spaced } from './text';

/**
 * Printed where a signer's name was not recorded (acts signed before names were): a voucher
 * names people, never by their login username.
 */
export const UNNAMED_SIGNER = '氏名未登録';

export function taxRateLabel(rate: TaxRate): string {
  if (rate === 8) return '8%（軽減税率）';
  if (rate === 0) return '0%（非課税）';
  return '10%';
}

/** Name, then address and registration number on their own lines when known. */
export function partyLines(party: Party): string {
  const lines = [party.name];
  if (party.address) lines.push(party.address);
  if (party.registrationNumber) lines.push(spaced('登録番号', party.registrationNumber));
  return lines.join('\n');
}

export function periodLabel(period: { start: string; end: string }): string {
  return `${formatWarekiDate(period.start)} から ${formatWarekiDate(period.end)} まで`;
}

export const APPROVAL_COLUMNS: readonly Column[] = [
  { header: '区分', width: 60 },
  { header: '職', width: 95 },
  { header: '氏名', width: 80 },
  { header: '決裁日時', width: 120, align: 'center' },
  { header: '意見', width: '*' },
];

export function approvalRows(approvals: readonly ApprovalRecord[]): string[][] {
  return approvals.map((a) => [
    a.step,
    a.role,
    a.name,
    formatWarekiDateTime(a.at),
    a.comment ?? '',
  ]);
}
