import { ok, refuse, type FieldError, type Outcome } from '@denpyo/platform/outcome';
import type { ContractStatus } from '@denpyo/schemas';
import { DEFAULT_APPROVAL_ROUTE, requiredApprovals, type ApprovalRoute } from './approval-route';

/** What the approval rules need to know about a contract. */
export interface ContractState {
  status: ContractStatus;
  amount: number;
  createdBy: string;
  submittedBy?: string;
  /** Usernames of those who already signed, in step order. */
  approvers: readonly string[];
}

export interface ApprovalStep {
  /** 1-based position of this sign-off on the route. */
  step: number;
  required: number;
  /** True when this sign-off completes the route: the contract becomes approved. */
  completesRoute: boolean;
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

export function decideSubmit(status: ContractStatus): Outcome<'submitted'> {
  if (status !== 'draft')
    return refuse('conflict', `Only a draft can be submitted; this contract is ${status}`);
  return ok('submitted');
}

/**
 * One approver's sign-off. The creator and the submitter never approve (separation of duties);
 * nobody signs the same contract twice, so a two-step route needs two different people.
 */
export function decideApproval(
  contract: ContractState,
  approver: string,
  route: ApprovalRoute = DEFAULT_APPROVAL_ROUTE,
): Outcome<ApprovalStep> {
  if (approver === contract.createdBy || approver === contract.submittedBy) {
    return refuse('forbidden', 'The creator or submitter of a contract cannot approve it');
  }
  if (contract.status !== 'submitted') {
    return refuse(
      'conflict',
      `Only a submitted contract can be approved; this contract is ${contract.status}`,
    );
  }
  if (contract.approvers.includes(approver)) {
    return refuse(
      'conflict',
      'You have already approved this contract; the next step needs another approver',
    );
  }
  const required = requiredApprovals(contract.amount, route);
  const step = contract.approvers.length + 1;
  return ok({ step, required, completesRoute: step >= required });
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
