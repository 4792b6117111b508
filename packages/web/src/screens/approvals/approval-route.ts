// A contract's approval route (決裁ルート) as the approver sees it: each step, who signed it and
// when, and whether the signed-in approver may sign now (and if not, why). Pure, unit-tested.
import type { Approval, Contract } from '@denpyo/schemas';

export interface RouteStep {
  step: number;
  approval?: Approval;
  /** The next step to be signed. */
  current: boolean;
}

type RouteFacts = Pick<Contract, 'status' | 'approvals' | 'requiredApprovals'>;

/** Every step of the route, signed ones with their approval, the next one marked current. */
export function routeSteps(contract: RouteFacts): RouteStep[] {
  const steps: RouteStep[] = [];
  const total = Math.max(contract.requiredApprovals, contract.approvals.length);
  const signed = [...contract.approvals].sort((a, b) => a.step - b.step);
  for (let step = 1; step <= total; step++) {
    const approval = signed.find((a) => a.step === step) ?? signed[step - 1];
    steps.push({
      step,
      ...(approval ? { approval } : {}),
      current: contract.status === 'submitted' && !approval && step === signed.length + 1,
    });
  }
  return steps;
}

export type ApprovalBlocker = 'not-submitted' | 'submitter' | 'already-signed';

/**
 * Why this user may not approve (or reject) the contract now, or undefined when they may: only a
 * submitted contract, never by whoever submitted it, and nobody signs twice.
 */
export function approvalBlocker(
  contract: Pick<Contract, 'status' | 'approvals' | 'submittedBy' | 'createdBy'>,
  username: string,
): ApprovalBlocker | undefined {
  if (contract.status !== 'submitted') return 'not-submitted';
  if ((contract.submittedBy ?? contract.createdBy) === username) return 'submitter';
  if (contract.approvals.some((a) => a.approver === username)) return 'already-signed';
  return undefined;
}

/** Signed and required, for 「1 / 2 名承認済」. */
export function approvalProgress(contract: RouteFacts): { done: number; required: number } {
  return { done: contract.approvals.length, required: contract.requiredApprovals };
}
