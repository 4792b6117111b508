import { notFound, ok, refuse, refuseField, type Caller, type Outcome } from '@denpyo/platform';
import type { User } from '@denpyo/schemas';
import { disableUser, findUserRows, toUser } from '../db/users';
import { revokeSessionsOf } from '../db/sessions';
import type { PortalDeps } from './deps';

/**
 * An administrator stops a user from signing in. Not themself: the one who could undo it must
 * stay able to sign in. The row stays, so every voucher and audit entry naming the user stays
 * whole. Every session of the user is revoked in the same transaction.
 */
export function makeDisableUser({ uow }: PortalDeps) {
  return async (username: string, caller: Caller): Promise<Outcome<User>> => {
    if (username === caller.user.username) {
      return refuseField('unprocessable', 'username', 'you cannot disable yourself');
    }
    return uow.run(caller, async ({ tx, now, actor, audit }) => {
      const before = (await findUserRows(tx, [username])).get(username);
      if (!before) return notFound('User', username);
      if (!(await disableUser(tx, username, { by: actor, at: now }))) {
        return refuse('conflict', `User ${username} is already disabled`);
      }
      // Signed out everywhere with it: the portal refuses their tokens from this commit on.
      const sessionsRevoked = await revokeSessionsOf(tx, username, 'user-disabled', now);
      const after = (await findUserRows(tx, [username])).get(username);
      if (!after) return notFound('User', username);
      const disabled = toUser(after);
      audit({
        action: 'user.disabled',
        entityType: 'user',
        entityId: username,
        counterparty: before.vendorId ?? undefined,
        before: { disabled: false },
        after: { disabled: true, sessionsRevoked },
      });
      return ok(disabled);
    });
  };
}
