import { bankAccountProblems, zenginHolderName } from '@denpyo/jp';
import { ok, refuse, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type { BankAccount, VendorCreateRequest } from '@denpyo/schemas';

/**
 * The rules a well-formed vendor request must still meet: the bank and branch exist in the
 * Zengin code list, the holder name can be written in Zengin kana (and is stored in that form,
 * which is what goes into the transfer file), and a registration number belongs to the given
 * corporate number. Check digits are already enforced by the request schema. The value is the
 * bank account as it is stored.
 */
export function checkVendor(request: VendorCreateRequest): Outcome<BankAccount> {
  const { bankAccount } = request;
  const errors: FieldError[] = bankAccountProblems(bankAccount).map((problem) => ({
    path: `bankAccount.${problem.path}`,
    message: problem.message,
  }));
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
  const holderKana = zenginHolderName(bankAccount.holderKana);
  if (errors.length > 0 || !holderKana.ok) {
    return refuse('unprocessable', 'The vendor cannot be registered', errors);
  }
  return ok({ ...bankAccount, holderKana: holderKana.value });
}
