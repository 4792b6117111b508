import { notFound, ok, type Outcome } from '@denpyo/platform';
import { printedDocument, renderContractVoucher, type ContractVoucher } from '@denpyo/pdf';
import type { DocumentVerification } from '@denpyo/schemas';
import { findBudget } from '../db/budgets';
import { findContract } from '../db/contracts';
import { findVendor } from '../db/vendors';
import { contractVoucher } from '../domain/contract-voucher';
import type { ContractDeps } from './deps';

/** The data the 支出負担行為決議書 of a contract is printed from, as the record stands now. */
function makeLoadContractVoucher({ db, cityName }: ContractDeps) {
  return async (id: string): Promise<Outcome<ContractVoucher>> => {
    const contract = await findContract(db, id);
    if (!contract) return notFound('Contract', id);
    const [vendor, budget] = await Promise.all([
      findVendor(db, contract.vendorId),
      findBudget(db, { fiscalYear: contract.fiscalYear, code: contract.budgetCode }),
    ]);
    // The contracts table references both, so they are always there.
    if (!vendor || !budget) {
      throw new Error(`Contract ${id} refers to a missing vendor or budget line`);
    }
    return ok(contractVoucher(cityName, contract, vendor, budget));
  };
}

/** The 支出負担行為決議書 as printed and as verified (its QR code opens that page). */
const contractDocument = ({ publicUrl }: Pick<ContractDeps, 'publicUrl'>) =>
  printedDocument<ContractVoucher>({
    kind: 'contract',
    publicUrl,
    render: renderContractVoucher,
    heading: ({ documentNumber, title, date, amount, vendor }) => ({
      documentNumber,
      title,
      issuedOn: date,
      amount,
      counterparty: vendor.name,
    }),
  });

/** 支出負担行為決議書: the commitment voucher of a contract, as a PDF. */
export function makeRenderContractVoucher(deps: ContractDeps) {
  const load = makeLoadContractVoucher(deps);
  const document = contractDocument(deps);
  return async (id: string): Promise<Outcome<Buffer>> => {
    const voucher = await load(id);
    return voucher.ok ? ok(await document.print(id, voucher.value)) : voucher;
  };
}

/** Whether a printed 支出負担行為決議書 (its hash, `claimed`) matches the record as it stands. */
export function makeVerifyContractVoucher(deps: ContractDeps) {
  const load = makeLoadContractVoucher(deps);
  const document = contractDocument(deps);
  return async (id: string, claimed?: string): Promise<Outcome<DocumentVerification>> => {
    const voucher = await load(id);
    return voucher.ok ? ok(document.verify(voucher.value, claimed)) : voucher;
  };
}
