// Wording shared by the vouchers.
import { formatWarekiDate } from '@denpyo/jp';
import { formatWarekiDateTime } from './datetime';
import type { Column } from './form';
import type { ApprovalRecord, BankAccount, Party, TaxRate } from './types';
import { spaced } from './text';

/**
 * Printed where a signer's name was not recorded (acts signed before names were): a voucher
 * names people, never by their login username.
 */
export const UNNAMED_SIGNER = '氏名未登録';

/**
 * The name a voucher prints for a signer: the display name, or UNNAMED_SIGNER where none was
 * recorded (a signature made without one carries the username in its place).
 */
export function signerName(
  signature: { displayName?: string | undefined; username?: string | undefined } | undefined,
): string {
  const displayName = signature?.displayName;
  return displayName && displayName !== signature?.username ? displayName : UNNAMED_SIGNER;
}

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

/** 横浜銀行 関内支店 普通 1234567 口座名義 ｶ)ﾐﾅﾄｹﾝｾﾂ. */
export function bankAccountLabel(account: BankAccount): string {
  return spaced(
    account.bankName,
    account.branchName,
    account.type,
    account.number,
    `口座名義 ${account.holderKana}`,
  );
}

/** One sign-off on a line: title, name and time, e.g. 会計管理者 渡辺 直樹 令和9年1月15日 09:10. */
export function signOffLabel(record: Pick<ApprovalRecord, 'role' | 'name' | 'at'>): string {
  return spaced(record.role, record.name, formatWarekiDateTime(record.at));
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
