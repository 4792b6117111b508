import { bankAccountProblems } from '@denpyo/jp';
import type { BankAccount } from '@denpyo/schemas';

/**
 * Why a vendor's account cannot go into a Zengin file, or undefined when it can (the rules are
 * jp's bankAccountProblems). Checked when a batch is assembled, so the file can always be
 * written once the batch is approved.
 */
export function bankAccountProblem(account: BankAccount | undefined): string | undefined {
  if (!account) return 'the vendor or its bank account is not known to the payment service';
  const [first] = bankAccountProblems(account);
  return first && `bankAccount.${first.path}: ${first.message}`;
}
