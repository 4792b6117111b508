import { notFound, ok, refuse, refuseField, type Caller, type Outcome } from '@denpyo/platform';
import type { PasswordChanged, PasswordChangeRequest } from '@denpyo/schemas';
import { findUser, replacePasswordHash } from '../db/users';
import { hashPassword, verifyPassword } from '../domain/password';
import type { PortalDeps } from './deps';

/**
 * A signed-in user (staff or vendor) changes their own password by proving the current one.
 * Wrong guesses count against the login throttle for that username and address, so a borrowed
 * session cannot be used to search for the password.
 */
export function makeChangePassword({ db, uow, throttle }: PortalDeps) {
  return async (
    { currentPassword, newPassword }: PasswordChangeRequest,
    caller: Caller,
    clientAddress: string,
  ): Promise<Outcome<PasswordChanged>> => {
    const { username } = caller.user;
    const throttled = throttle.refuseIfThrottled(username, clientAddress);
    if (throttled) return throttled;
    const stored = await findUser(db, username);
    if (!stored) return notFound('User', username);
    if (stored.disabled) return refuse('forbidden', `User ${username} is disabled`);
    if (!(await verifyPassword(currentPassword, stored.passwordHash))) {
      throttle.recordFailure(username, clientAddress);
      return refuseField('unprocessable', 'currentPassword', 'the current password is wrong');
    }
    throttle.recordSuccess(username, clientAddress);
    if (newPassword.normalize('NFC') === currentPassword.normalize('NFC')) {
      return refuseField(
        'unprocessable',
        'newPassword',
        'the new password must differ from the current one',
      );
    }
    const passwordHash = await hashPassword(newPassword);
    return uow.run(caller, async ({ tx, now, audit }) => {
      // Only over the hash just verified: a change made meanwhile is not silently overwritten.
      if (!(await replacePasswordHash(tx, username, stored.passwordHash, passwordHash))) {
        return refuse('conflict', 'The password was changed meanwhile; sign in again');
      }
      audit({
        action: 'user.password-changed',
        entityType: 'user',
        entityId: username,
        counterparty: stored.user.vendorId,
      });
      return ok({ username, changedAt: now.toISOString() });
    });
  };
}
