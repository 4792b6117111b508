import type { Signature } from '@denpyo/schemas';

/** A second person's decision on a request (a bank-account change, a 流用). */
export interface Decision {
  status: 'approved' | 'rejected';
  by: Signature;
  at: Date;
  reason?: string;
}

/** The columns every request table records its decision in. */
export function decisionColumns(decision: Decision) {
  return {
    status: decision.status,
    decidedBy: decision.by.username,
    decidedBySignature: decision.by,
    decidedAt: decision.at,
    rejectionReason: decision.reason ?? null,
  };
}
