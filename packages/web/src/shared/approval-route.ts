// A contract's approval route (決裁ルート) by ranks, as the city's 決裁欄 shows it: one box per
// rank the delegation rules (専決規程) require, in order, each filled with the signer's name,
// title and date once signed, and whether the signed-in approver may sign the next box now (and
// if not, why). Pure, unit-tested.
import { rankAtLeast, type Rank } from '@denpyo/schemas';

/**
 * One recorded approval as the API gives it: v2 records the signer's signature (username,
 * displayName, title, rank); v1 records had only `approver` (the username) and a step number.
 */
export interface SignedApproval {
  username?: string | undefined;
  approver?: string | undefined;
  displayName?: string | undefined;
  title?: string | undefined;
  rank?: Rank | undefined;
  at: string;
  comment?: string | undefined;
  step?: number | undefined;
}

export interface RouteFacts {
  status: string;
  approvals: readonly SignedApproval[];
  /** The ranks that must sign, in order, fixed at submission (absent on v1 contracts). */
  route?: readonly Rank[] | undefined;
  /** v1: how many approvals were needed (used only when there is no route). */
  requiredApprovals?: number | undefined;
}

export interface RouteBox {
  /** 1-based position on the route. */
  step: number;
  /** The rank this box needs; undefined only on a v1 contract without a route. */
  rank: Rank | undefined;
  approval?: SignedApproval;
  /** The next box to be signed. */
  current: boolean;
}

/** Who signed: the username (v2 signature or v1 approver). */
export function signerOf(approval: SignedApproval): string {
  return approval.username ?? approval.approver ?? '';
}

/** How a signer is shown: display name and title, falling back to the username on old records. */
export function signerName(approval: SignedApproval): { name: string; title?: string } {
  const name = approval.displayName ?? signerOf(approval);
  return approval.title ? { name, title: approval.title } : { name };
}

/** The approvals in the order they were given (by step when recorded, else by time). */
function inOrder(approvals: readonly SignedApproval[]): SignedApproval[] {
  return [...approvals].sort((a, b) =>
    a.step !== undefined && b.step !== undefined ? a.step - b.step : a.at.localeCompare(b.at),
  );
}

/** Every box of the route, the n-th approval in the n-th box, the first empty one current. */
export function routeBoxes(contract: RouteFacts): RouteBox[] {
  const signed = inOrder(contract.approvals);
  const ranks: (Rank | undefined)[] = contract.route
    ? [...contract.route]
    : Array.from({ length: contract.requiredApprovals ?? signed.length }, () => undefined);
  const total = Math.max(ranks.length, signed.length);
  return Array.from({ length: total }, (_, index) => {
    const approval = signed[index];
    return {
      step: index + 1,
      rank: ranks[index],
      ...(approval ? { approval } : {}),
      current: contract.status === 'submitted' && !approval && index === signed.length,
    };
  });
}

/** The rank the next signature needs, or undefined when none is needed (or the route is v1). */
export function nextRequiredRank(contract: RouteFacts): Rank | undefined {
  return routeBoxes(contract).find((box) => box.current)?.rank;
}

export type ApprovalBlocker =
  'not-submitted' | 'submitter' | 'already-signed' | 'no-rank' | 'rank-too-low';

export interface Approver {
  username: string;
  rank?: Rank | undefined;
}

/**
 * Why this approver may not act on the contract now, or undefined when they may: only a
 * submitted contract, never by whoever submitted it, nobody signs twice, and the signer's rank
 * must be at least the next box's rank (a higher rank may sign for a lower one, never the
 * reverse). Rejecting needs the same standing as signing.
 */
export function approvalBlocker(
  contract: RouteFacts & { submittedBy?: string | undefined; createdBy: string },
  user: Approver,
): ApprovalBlocker | undefined {
  if (contract.status !== 'submitted') return 'not-submitted';
  if ((contract.submittedBy ?? contract.createdBy) === user.username) return 'submitter';
  if (contract.approvals.some((a) => signerOf(a) === user.username)) return 'already-signed';
  const required = nextRequiredRank(contract);
  if (required === undefined) return undefined;
  if (user.rank === undefined) return 'no-rank';
  if (!rankAtLeast(user.rank, required)) return 'rank-too-low';
  return undefined;
}

/** Signed and required, for 「1 / 2」. */
export function approvalProgress(contract: RouteFacts): { done: number; required: number } {
  const boxes = routeBoxes(contract);
  return { done: boxes.filter((box) => box.approval).length, required: boxes.length };
}
