import type { Approval, Rank, Signature } from '@denpyo/schemas';

// Sign-offs on a route, as contracts and amendments store them.

export interface NewApproval {
  step: number;
  signature: Signature;
  comment?: string;
  at: Date;
}

export function approvalData({ step, signature, comment, at }: NewApproval) {
  return {
    step,
    approver: signature.username,
    displayName: signature.displayName,
    title: signature.title,
    rank: signature.rank ?? null,
    comment: comment ?? null,
    at,
  };
}

export function toApproval(row: {
  step: number;
  approver: string;
  displayName: string | null;
  title: string | null;
  rank: Rank | null;
  comment: string | null;
  at: Date;
}): Approval {
  return {
    approver: row.approver,
    username: row.approver,
    ...(row.displayName !== null ? { displayName: row.displayName } : {}),
    ...(row.title !== null ? { title: row.title } : {}),
    ...(row.rank !== null ? { rank: row.rank } : {}),
    at: row.at.toISOString(),
    ...(row.comment !== null ? { comment: row.comment } : {}),
    step: row.step,
  };
}
