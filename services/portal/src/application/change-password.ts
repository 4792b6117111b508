import { notFound, ok, refuse, refuseField, type Caller, type Outcome } from '@denpyo/platform';
import type { PasswordChanged, PasswordChangeRequest } from '@denpyo/schemas';
import { revokeSessionsOf } from '../db/sessions';
import { findUser, replacePasswordHash } from '../db/users';
import { clientKeyOf } from '../domain/client-key';
import type { PortalDeps } from './deps';
import { HashingBusy, hashingBusyRefusal } from './password-hasher';

/**
 * A signed-in user (staff or vendor) changes their own password by proving the current one;
 * this also ends the demand to change a password someone else chose. Wrong guesses count
 * against the login throttle for that username and client, so a borrowed session cannot be
 * used to search for the password. Every other session of the user ends with the change (in
 * the same transaction): whoever signed in with the old password — the one who chose it, too —
 * keeps nothing. The caller's own session, named by the `sid` of `accessToken`, goes on.
 */
export function makeChangePassword({ db, uow, throttle, hasher, signer }: PortalDeps) {
  return async (
    { currentPassword, newPassword }: PasswordChangeRequest,
    caller: Caller,
    clientAddress: string,
    accessToken: string | undefined,
  ): Promise<Outcome<PasswordChanged>> => {
    const { username } = caller.user;
    const client = clientKeyOf(clientAddress);
    const start = await throttle.begin(username, client);
    if (!start.admitted) return start.refused;
    const stored = await findUser(db, username);
    if (!stored || stored.disabled) {
      await start.attempt.abandoned();
      return stored
        ? refuse('forbidden', `User ${username} is disabled`)
        : notFound('User', username);
    }
    let passwordHash: string;
    try {
      if (!(await hasher.verify(currentPassword, stored.passwordHash, client))) {
        // The attempt stays recorded as a failure.
        return refuseField('unprocessable', 'currentPassword', 'the current password is wrong');
      }
      await start.attempt.succeeded();
      if (newPassword.normalize('NFC') === currentPassword.normalize('NFC')) {
        return refuseField(
          'unprocessable',
          'newPassword',
          'the new password must differ from the current one',
        );
      }
      passwordHash = await hasher.hash(newPassword, client);
    } catch (error) {
      if (!(error instanceof HashingBusy)) throw error;
      await start.attempt.abandoned();
      return hashingBusyRefusal();
    }
    // Already verified (with its session) by the route's authentication: only its `sid` is read.
    const ownSession = accessToken
      ? (await signer.verify(accessToken).catch(() => undefined))?.sessionId
      : undefined;
    return uow.run(caller, async ({ tx, now, audit }) => {
      // Only over the hash just verified: a change made meanwhile is not silently overwritten.
      const replaced = await replacePasswordHash(tx, username, stored.passwordHash, passwordHash, {
        byOwner: true,
      });
      if (!replaced) {
        return refuse('conflict', 'The password was changed meanwhile; sign in again');
      }
      const sessionsRevoked = await revokeSessionsOf(
        tx,
        username,
        'password-changed',
        now,
        ownSession,
      );
      audit({
        action: 'user.password-changed',
        entityType: 'user',
        entityId: username,
        counterparty: stored.user.vendorId,
        after: { sessionsRevoked },
      });
      return ok({ username, changedAt: now.toISOString() });
    });
  };
}
