import { ok, refuse, refuseField, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type { ContractStatus } from '@denpyo/schemas';
import { decideSignOff, type Signer, type SignOff } from './route';
import type { Rank } from '@denpyo/schemas';

/** What the approval rules need to know about a contract. */
export interface ContractState {
  status: ContractStatus;
  createdBy: string;
  submittedBy?: string;
  /** The route fixed at submission. */
  route: readonly Rank[];
  /** Usernames of those who already signed, in step order. */
  approvers: readonly string[];
}

/** A contract document number, e.g. CT-2026-000123 (per fiscal year). */
export function contractDocumentNumber(fiscalYear: number, sequence: number): string {
  return `CT-${fiscalYear}-${String(sequence).padStart(6, '0')}`;
}

export function remainingAmount(amount: number, invoicedAmount: number): number {
  return amount - invoicedAmount;
}

/** A draft names an existing vendor and an existing budget line of its fiscal year. */
export function checkContractParties(
  found: { vendor: boolean; budget: boolean },
  fiscalYear: number,
): Outcome<void> {
  const errors: FieldError[] = [];
  if (!found.vendor) errors.push({ path: 'vendorId', message: 'no vendor with this id' });
  if (!found.budget) {
    errors.push({
      path: 'budgetCode',
      message: `no budget line with this code in fiscal year ${fiscalYear}`,
    });
  }
  if (errors.length > 0) {
    return refuse('unprocessable', 'The contract refers to unknown records', errors);
  }
  return ok(undefined);
}

export function decideEdit(status: ContractStatus): Outcome<void> {
  if (status !== 'draft') {
    return refuse('conflict', `Only a draft can be edited; this contract is ${status}`);
  }
  return ok(undefined);
}

export function decideSubmit(status: ContractStatus): Outcome<'submitted'> {
  if (status !== 'draft')
    return refuse('conflict', `Only a draft can be submitted; this contract is ${status}`);
  return ok('submitted');
}

/**
 * One approver's sign-off on the route fixed at submission (専決規程): see decideSignOff. The
 * creator and the submitter never approve (separation of duties, 地方自治法 Art. 170).
 */
export function decideApproval(contract: ContractState, signer: Signer): Outcome<SignOff> {
  const excluded = [contract.createdBy, ...(contract.submittedBy ? [contract.submittedBy] : [])];
  if (excluded.includes(signer.username)) {
    return refuse('forbidden', 'The creator or submitter of a contract cannot approve it');
  }
  if (contract.status !== 'submitted') {
    return refuse(
      'conflict',
      `Only a submitted contract can be approved; this contract is ${contract.status}`,
    );
  }
  return decideSignOff({ route: contract.route, signedBy: contract.approvers, excluded }, signer);
}

export function decideReject(status: ContractStatus): Outcome<'rejected'> {
  if (status !== 'submitted') {
    return refuse(
      'conflict',
      `Only a submitted contract can be rejected; this contract is ${status}`,
    );
  }
  return ok('rejected');
}

/**
 * Completing an approved contract keeps what has been invoiced and releases the rest of its
 * commitment: the value is the amount released (amount − invoicedAmount).
 */
export function decideComplete(contract: {
  status: ContractStatus;
  amount: number;
  invoicedAmount: number;
}): Outcome<number> {
  if (contract.status !== 'approved') {
    return refuse(
      'conflict',
      `Only an approved contract can be completed; this contract is ${contract.status}`,
    );
  }
  return ok(contract.amount - contract.invoicedAmount);
}

/**
 * Cancelling: a draft or submitted contract (nothing committed yet), or an approved one with
 * nothing invoiced against it (its whole commitment is released).
 */
export function decideCancel(contract: {
  status: ContractStatus;
  invoicedAmount: number;
}): Outcome<void> {
  if (!['draft', 'submitted', 'approved'].includes(contract.status)) {
    return refuse('conflict', `A ${contract.status} contract cannot be cancelled`);
  }
  if (contract.invoicedAmount > 0) {
    return refuse(
      'conflict',
      `¥${contract.invoicedAmount} has been invoiced against this contract: complete it instead of cancelling`,
    );
  }
  return ok(undefined);
}

/**
 * An amendment (変更契約) is made to an approved contract, one at a time; its new amount never
 * goes below what has already been invoiced.
 */
export function checkAmendment(
  contract: { status: ContractStatus; invoicedAmount: number },
  amendment: { amount: number; openAmendment: boolean },
): Outcome<void> {
  if (contract.status !== 'approved') {
    return refuse(
      'conflict',
      `Only an approved contract can be amended; this contract is ${contract.status}`,
    );
  }
  if (amendment.openAmendment) {
    return refuse('conflict', 'This contract already has an amendment waiting for approval');
  }
  return checkAmendedAmount(contract.invoicedAmount, amendment.amount);
}

/** A decrease never goes below what has been invoiced (the vendor's claims stand). */
export function checkAmendedAmount(invoicedAmount: number, amount: number): Outcome<void> {
  if (amount < invoicedAmount) {
    return refuseField(
      'unprocessable',
      'amount',
      `¥${amount} is below the ¥${invoicedAmount} already invoiced against this contract`,
    );
  }
  return ok(undefined);
}
