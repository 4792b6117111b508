import { isZenginKana, lookupBank, lookupBranch } from '@denpyo/jp';
import type { BankAccount } from '@denpyo/schemas';

/**
 * Whether a vendor's account can go into a Zengin file: the bank and branch must exist in the
 * zengin-code data and the holder name must already be Zengin kana. Checked when a batch is
 * assembled, so the file can always be written once the batch is approved.
 */
export function bankAccountProblem(account: BankAccount | undefined): string | undefined {
  if (!account) return 'the vendor or its bank account is not known to the payment service';
  if (!lookupBank(account.bankCode)) return `unknown bank code ${account.bankCode}`;
  if (!lookupBranch(account.bankCode, account.branchCode)) {
    return `unknown branch ${account.branchCode} of bank ${account.bankCode}`;
  }
  if (!isZenginKana(account.holderKana)) {
    return 'the account holder name is not in Zengin kana';
  }
  return undefined;
}

const ACCOUNT_TYPE_LABELS: Record<BankAccount['type'], string> = {
  ordinary: '普通',
  current: '当座',
  savings: '貯蓄',
};

/** The name a voucher prints for an account type (普通, 当座, 貯蓄). */
export function accountTypeLabel(type: BankAccount['type']): string {
  return ACCOUNT_TYPE_LABELS[type];
}
