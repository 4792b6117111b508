import { bankAccountProblems, zenginHolderName } from '@denpyo/jp';
import { ok, refuse, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type { BankAccount, VendorCreateRequest } from '@denpyo/schemas';

/**
 * The rules a well-formed vendor request must still meet: the bank account's (see
 * checkBankAccount), and a registration number belongs to the given corporate number. Check
 * digits are already enforced by the request schema. The value is the bank account as it is
 * stored.
 */
export function checkVendor(request: VendorCreateRequest): Outcome<BankAccount> {
  const errors: FieldError[] = [];
  if (
    request.corporateNumber !== undefined &&
    request.invoiceRegistrationNumber !== undefined &&
    request.invoiceRegistrationNumber !== `T${request.corporateNumber}`
  ) {
    errors.push({
      path: 'invoiceRegistrationNumber',
      message: "must be 'T' followed by the vendor's corporate number",
    });
  }
  const bankAccount = checkBankAccount(request.bankAccount);
  if (!bankAccount.ok) errors.unshift(...(bankAccount.refusal.errors ?? []));
  if (errors.length > 0 || !bankAccount.ok) {
    return refuse('unprocessable', 'The vendor cannot be registered', errors);
  }
  return bankAccount;
}

/**
 * A bank account payments can be transferred to: the bank and branch exist in the Zengin code
 * list, and the holder name can be written in Zengin kana (and is stored in that form, which is
 * what goes into the transfer file). Used at registration and for every change of account.
 */
export function checkBankAccount(bankAccount: BankAccount): Outcome<BankAccount> {
  const errors: FieldError[] = bankAccountProblems(bankAccount).map((problem) => ({
    path: `bankAccount.${problem.path}`,
    message: problem.message,
  }));
  const holderKana = zenginHolderName(bankAccount.holderKana);
  if (errors.length > 0 || !holderKana.ok) {
    return refuse('unprocessable', 'The bank account cannot be used for transfers', errors);
  }
  return ok({ ...bankAccount, holderKana: holderKana.value });
}
