import { KanaError, lookupBank, lookupBranch, toZenginKana } from '@denpyo/jp';
import type { BankAccount, VendorCreateRequest } from '@denpyo/schemas';

/** The 受取人名 field of a Zengin data record is 30 single-byte characters. */
export const ZENGIN_HOLDER_NAME_BYTES = 30;

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
  const problems: FieldProblem[] = [];
  const { bankAccount } = request;
  const bank = lookupBank(bankAccount.bankCode);
  const branch = bank && lookupBranch(bankAccount.bankCode, bankAccount.branchCode);
  if (!bank) {
    problems.push({
      path: 'bankAccount.bankCode',
      message: 'no bank with this code in the Zengin code list',
    });
  } else if (!branch) {
    problems.push({
      path: 'bankAccount.branchCode',
      message: `no branch with this code at ${bank.name}`,
    });
  }
  const holderKana = normaliseHolderKana(bankAccount.holderKana);
  if (!holderKana.ok)
    problems.push({ path: 'bankAccount.holderKana', message: holderKana.message });
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
  if (problems.length > 0 || !holderKana.ok) return { ok: false, problems };
  return {
    ok: true,
    bankAccount: { ...bankAccount, holderKana: holderKana.value },
  };
}

function normaliseHolderKana(
  input: string,
): { ok: true; value: string } | { ok: false; message: string } {
  let value: string;
  try {
    value = toZenginKana(input).trim();
  } catch (error) {
    if (error instanceof KanaError) return { ok: false, message: error.message };
    throw error;
  }
  if (value.length === 0) return { ok: false, message: 'must not be blank' };
  if (value.length > ZENGIN_HOLDER_NAME_BYTES) {
    return {
      ok: false,
      message: `is ${value.length} characters in Zengin kana; the transfer file allows ${ZENGIN_HOLDER_NAME_BYTES}`,
    };
  }
  return { ok: true, value };
}
