import type { Contract } from '@denpyo/schemas';
import { approvalBlocker, approvalProgress, routeSteps } from './approval-route';

type Facts = Pick<
  Contract,
  'status' | 'approvals' | 'requiredApprovals' | 'submittedBy' | 'createdBy'
>;

const contract = (patch: Partial<Facts> = {}): Facts => ({
  status: 'submitted',
  approvals: [],
  requiredApprovals: 2,
  submittedBy: 'procurement',
  createdBy: 'procurement',
  ...patch,
});
const signed = (approver: string, step: number, comment?: string) => ({
  approver,
  step,
  at: `2026-11-2${step}T01:00:00.000Z`,
  ...(comment ? { comment } : {}),
});

describe('the approval route', () => {
  it('lists every required step, the first unsigned one current', () => {
    expect(routeSteps(contract())).toEqual([
      { step: 1, current: true },
      { step: 2, current: false },
    ]);
  });

  it('shows who has signed so far and what is still needed', () => {
    const c = contract({ approvals: [signed('approver', 1, '了解')] });
    expect(routeSteps(c)).toEqual([
      { step: 1, approval: signed('approver', 1, '了解'), current: false },
      { step: 2, current: true },
    ]);
    expect(approvalProgress(c)).toEqual({ done: 1, required: 2 });
  });

  it('has no current step once approved or rejected', () => {
    const approved = contract({
      status: 'approved',
      approvals: [signed('approver', 1), signed('approver2', 2)],
    });
    expect(routeSteps(approved).some((s) => s.current)).toBe(false);
    expect(routeSteps(contract({ status: 'rejected' })).some((s) => s.current)).toBe(false);
  });

  it('lets another approver sign a submitted contract', () => {
    expect(approvalBlocker(contract(), 'approver')).toBeUndefined();
  });

  it('refuses the submitter, a second signature and anything not submitted', () => {
    expect(approvalBlocker(contract({ submittedBy: 'approver' }), 'approver')).toBe('submitter');
    expect(approvalBlocker(contract({ approvals: [signed('approver', 1)] }), 'approver')).toBe(
      'already-signed',
    );
    expect(approvalBlocker(contract({ status: 'draft' }), 'approver')).toBe('not-submitted');
    expect(approvalBlocker(contract({ status: 'approved' }), 'approver2')).toBe('not-submitted');
  });
});
