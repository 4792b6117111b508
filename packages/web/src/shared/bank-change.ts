// Who may decide a bank account change (four eyes): a procurement or accounting person other
// than the one who requested it. Pure, unit-tested; the contract service enforces the same.
import type { BankAccountChange, Role } from '@denpyo/schemas';

export type BankChangeBlocker = 'requester' | 'role' | 'decided';

export function bankChangeBlocker(
  change: Pick<BankAccountChange, 'status' | 'requestedBy'>,
  user: { username: string; roles: readonly Role[] },
): BankChangeBlocker | undefined {
  if (change.status !== 'requested') return 'decided';
  if (!user.roles.some((role) => role === 'procurement' || role === 'accountant')) return 'role';
  if (change.requestedBy.username === user.username) return 'requester';
  return undefined;
}

/** The change waiting for a decision, if any (one at a time per vendor). */
export function pendingChange<C extends Pick<BankAccountChange, 'status'>>(
  changes: readonly C[],
): C | undefined {
  return changes.find((change) => change.status === 'requested');
}
