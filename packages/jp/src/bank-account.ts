import { KanaError, toZenginKana } from './kana';
import { lookupBank, lookupBranch } from './zengin';

/** The 受取人名 field of a Zengin data record is 30 single-byte characters. */
export const ZENGIN_HOLDER_NAME_BYTES = 30;

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
 * character has no Zengin form, when nothing is left, or when it is longer than `maxLength`.
 */
export function toZenginName(input: string, maxLength = Infinity): ZenginNameResult {
  let value: string;
  try {
    value = toZenginKana(input).trim();
  } catch (error) {
    if (error instanceof KanaError) return { ok: false, message: error.message };
    throw error;
  }
  if (value.length === 0) return { ok: false, message: 'must not be blank' };
  if (value.length > maxLength) {
    return {
      ok: false,
      message: `is ${value.length} characters in Zengin kana; the transfer file allows ${maxLength}`,
    };
  }
  return { ok: true, value };
}

/** An account holder's name as stored and written to the transfer file (受取人名). */
export function zenginHolderName(input: string): ZenginNameResult {
  return toZenginName(input, ZENGIN_HOLDER_NAME_BYTES);
}

/**
 * Why a transfer file could not be written for this account: the bank and branch must exist in
 * the Zengin code list and the holder name must fit the 受取人名 field. Empty when it is fine.
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
