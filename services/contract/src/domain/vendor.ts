import { bankAccountProblems, zenginHolderName } from '@denpyo/jp';
import type { BankAccount, VendorCreateRequest } from '@denpyo/schemas';

export interface FieldProblem {
  path: string;
  message: string;
}

export type VendorCheck =
  { ok: true; bankAccount: BankAccount } | { ok: false; problems: FieldProblem[] };

/**
 * The rules a well-formed vendor request must still meet: the bank and branch exist in the
 * Zengin code list, the holder name can be written in Zengin kana (and is stored in that form,
 * which is what goes into the transfer file), and a registration number belongs to the given
 * corporate number. Check digits are already enforced by the request schema.
 */
export function checkVendor(request: VendorCreateRequest): VendorCheck {
  const { bankAccount } = request;
  const problems: FieldProblem[] = bankAccountProblems(bankAccount).map((problem) => ({
    path: `bankAccount.${problem.path}`,
    message: problem.message,
  }));
  if (
    request.corporateNumber !== undefined &&
    request.invoiceRegistrationNumber !== undefined &&
    request.invoiceRegistrationNumber !== `T${request.corporateNumber}`
  ) {
    problems.push({
      path: 'invoiceRegistrationNumber',
      message: "must be 'T' followed by the vendor's corporate number",
    });
  }
  const holderKana = zenginHolderName(bankAccount.holderKana);
  if (problems.length > 0 || !holderKana.ok) return { ok: false, problems };
  return {
    ok: true,
    bankAccount: { ...bankAccount, holderKana: holderKana.value },
  };
}
