import { zenginHolderName } from './holder-name';
import { KanaError, toZenginKana } from './kana';
import { lookupBank, lookupBranch } from './zengin';

export interface BankAccountFields {
  bankCode: string;
  branchCode: string;
  holderKana: string;
}

export interface BankAccountProblem {
  /** The field at fault, relative to the account. */
  path: keyof BankAccountFields;
  message: string;
}

export type ZenginNameResult = { ok: true; value: string } | { ok: false; message: string };

/**
 * A name as a Zengin file will carry it: folded into Zengin kana and trimmed. Refused when a
 * character has no Zengin form or when nothing is left.
 */
export function toZenginName(input: string): ZenginNameResult {
  let value: string;
  try {
    value = toZenginKana(input).trim();
  } catch (error) {
    if (error instanceof KanaError) return { ok: false, message: error.message };
    throw error;
  }
  if (value.length === 0) return { ok: false, message: 'must not be blank' };
  return { ok: true, value };
}

/**
 * Why a transfer file could not be written for this account: the bank and branch must exist in
 * the Zengin code list and the holder name must be Zengin kana (zenginHolderName; a longer one is
 * cut to the 受取人名 field). Empty when it is fine.
 */
export function bankAccountProblems(account: BankAccountFields): BankAccountProblem[] {
  const problems: BankAccountProblem[] = [];
  const bank = lookupBank(account.bankCode);
  if (!bank) {
    problems.push({
      path: 'bankCode',
      message: `unknown bank code ${account.bankCode}: not in the Zengin code list`,
    });
  } else if (!lookupBranch(account.bankCode, account.branchCode)) {
    problems.push({
      path: 'branchCode',
      message: `unknown branch ${account.branchCode} at ${bank.name} (${account.bankCode})`,
    });
  }
  const holder = zenginHolderName(account.holderKana);
  if (!holder.ok) problems.push({ path: 'holderKana', message: holder.message });
  return problems;
}
