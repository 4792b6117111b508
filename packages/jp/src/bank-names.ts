import { lookupBank, lookupBranch, type AccountType } from './zengin';

// The Zengin code data names a bank without 銀行 (みずほ, 横浜) and abbreviates the others
// (さわやか信金); a voucher prints the formal name a clerk writes on a transfer slip.

/** Codes 0001–0999 are banks (都市・地方・信託・ネット銀行 …); 9900 is ゆうちょ銀行. */
function isBank(code: string): boolean {
  const number = Number(code);
  return (number >= 1 && number <= 999) || number === 9900;
}

const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ['信金', '信用金庫'],
  ['信組', '信用組合'],
  ['労金', '労働金庫'],
];

const BRANCH_SUFFIXES = [
  '本店',
  '支店',
  '出張所',
  '営業部',
  '口',
  'センター',
  '事務所',
  '特別',
  '支所',
];

/** 横浜銀行, さわやか信用金庫; undefined when the code is unknown. */
export function formalBankName(bankCode: string): string | undefined {
  const bank = lookupBank(bankCode);
  if (!bank) return undefined;
  if (isBank(bankCode)) return `${bank.name}銀行`;
  const abbreviation = ABBREVIATIONS.find(([short]) => bank.name.endsWith(short));
  return abbreviation ? bank.name.slice(0, -abbreviation[0].length) + abbreviation[1] : bank.name;
}

/** 関内支店, 本店営業部 (kept), ゆうちょ銀行's 〇一八店; undefined when the code is unknown. */
export function formalBranchName(bankCode: string, branchCode: string): string | undefined {
  const branch = lookupBranch(bankCode, branchCode);
  if (!branch) return undefined;
  if (BRANCH_SUFFIXES.some((suffix) => branch.name.endsWith(suffix))) return branch.name;
  return `${branch.name}${bankCode === '9900' ? '店' : '支店'}`;
}

const ACCOUNT_TYPE_NAMES: Record<AccountType, string> = {
  ordinary: '普通',
  current: '当座',
  savings: '貯蓄',
};

/** The name a form prints for an account type: 普通, 当座, 貯蓄. */
export function accountTypeName(type: AccountType): string {
  return ACCOUNT_TYPE_NAMES[type];
}
