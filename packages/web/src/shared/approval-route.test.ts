import {
  approvalBlocker,
  approvalProgress,
  nextRequiredRank,
  routeBoxes,
  signerName,
  type SignedApproval,
} from './approval-route';
import type { Rank } from '@denpyo/schemas';

const signed = (
  username: string,
  rank: Rank,
  day: number,
  extra: Partial<SignedApproval> = {},
) => ({
  username,
  displayName: `${username}の名前`,
  title: `${rank}職`,
  rank,
  at: `2026-11-${String(day).padStart(2, '0')}T01:00:00.000Z`,
  ...extra,
});

const contract = (patch: object = {}) => ({
  status: 'submitted',
  route: ['kacho', 'bucho', 'fukushicho'] as Rank[],
  approvals: [] as SignedApproval[],
  submittedBy: 'procurement',
  createdBy: 'procurement',
  ...patch,
});

describe('the approval route by ranks (決裁欄)', () => {
  it('has one box per required rank, in order, the first one current', () => {
    expect(routeBoxes(contract())).toEqual([
      { step: 1, rank: 'kacho', current: true },
      { step: 2, rank: 'bucho', current: false },
      { step: 3, rank: 'fukushicho', current: false },
    ]);
    expect(nextRequiredRank(contract())).toBe('kacho');
  });

  it('fills the boxes in the order the approvals were given', () => {
    const c = contract({
      approvals: [signed('approver2', 'bucho', 21), signed('approver', 'kacho', 20)],
    });
    const boxes = routeBoxes(c);
    expect(boxes.map((b) => b.approval?.username)).toEqual(['approver', 'approver2', undefined]);
    expect(boxes[2]?.current).toBe(true);
    expect(nextRequiredRank(c)).toBe('fukushicho');
    expect(approvalProgress(c)).toEqual({ done: 2, required: 3 });
  });

  it('has no current box once the contract is approved or rejected', () => {
    expect(routeBoxes(contract({ status: 'rejected' })).some((b) => b.current)).toBe(false);
    expect(nextRequiredRank(contract({ status: 'approved' }))).toBeUndefined();
  });

  it('shows display name and title, and the username only for old records', () => {
    expect(signerName(signed('approver', 'kacho', 20))).toEqual({
      name: 'approverの名前',
      title: 'kacho職',
    });
    expect(signerName({ approver: 'approver', at: '2026-11-20T01:00:00.000Z' })).toEqual({
      name: 'approver',
    });
  });

  it('reads a v1 contract (a count, approvals with step numbers) without ranks', () => {
    const v1 = {
      status: 'submitted',
      requiredApprovals: 2,
      approvals: [{ approver: 'approver', step: 1, at: '2026-11-20T01:00:00.000Z' }],
    };
    expect(routeBoxes(v1).map((b) => [b.rank, b.current])).toEqual([
      [undefined, false],
      [undefined, true],
    ]);
  });
});

describe('who may sign the next box', () => {
  it('lets an approver of the required rank or higher sign', () => {
    expect(approvalBlocker(contract(), { username: 'approver', rank: 'kacho' })).toBeUndefined();
    // A higher rank may sign for a lower one.
    expect(approvalBlocker(contract(), { username: 'approver4', rank: 'shicho' })).toBeUndefined();
  });

  it('refuses a lower rank, never the reverse', () => {
    const c = contract({ approvals: [signed('approver', 'kacho', 20)] });
    expect(approvalBlocker(c, { username: 'x', rank: 'kacho' })).toBe('rank-too-low');
    expect(approvalBlocker(c, { username: 'x', rank: 'kakaricho' })).toBe('rank-too-low');
    expect(approvalBlocker(c, { username: 'x', rank: 'bucho' })).toBeUndefined();
    expect(approvalBlocker(c, { username: 'x' })).toBe('no-rank');
  });

  it('refuses the submitter, a second signature and anything not submitted', () => {
    const c = contract({ approvals: [signed('approver3', 'fukushicho', 20)] });
    expect(approvalBlocker(c, { username: 'approver3', rank: 'fukushicho' })).toBe(
      'already-signed',
    );
    expect(
      approvalBlocker(contract({ submittedBy: 'approver2' }), {
        username: 'approver2',
        rank: 'bucho',
      }),
    ).toBe('submitter');
    expect(approvalBlocker(contract({ status: 'draft' }), { username: 'a', rank: 'shicho' })).toBe(
      'not-submitted',
    );
  });
});
