import { ok, refuse, type Outcome } from '@denpyo/platform';
import type { LoginRequest, LoginResponse } from '@denpyo/schemas';
import { findUser, replacePasswordHash } from '../db/users';
import { clientKeyOf } from '../domain/client-key';
import type { PortalDeps } from './deps';
import { makeOpenSession } from './sessions';
import { HashingBusy, hashingBusyRefusal } from './password-hasher';

/**
 * Checks a username and password and issues a bearer token carrying the user's roles, name,
 * title and rank; one refusal for a wrong password, an unknown user and a disabled one alike,
 * each costing one scrypt derivation (an unknown user is checked against a dummy hash of the
 * same cost). The throttle (application/login-throttle.ts) decides first whether this client
 * (an address; an IPv6 /64, domain/client-key.ts) may try this account now (429 with
 * Retry-After when not). A hash of an older cost is
 * replaced after a successful check. `user.mustChangePassword` tells a user whose password
 * someone else chose that they must change it first.
 */
export function makeLogIn(deps: PortalDeps) {
  const { db, throttle, hasher } = deps;
  // A session per sign-in: a short-lived access token and a refresh token (sessions.ts).
  const openSession = makeOpenSession(deps);
  return async (
    { username, password }: LoginRequest,
    clientAddress: string,
  ): Promise<Outcome<LoginResponse>> => {
    const client = clientKeyOf(clientAddress);
    const start = await throttle.begin(username, client);
    if (!start.admitted) return start.refused;
    const stored = await findUser(db, username);
    let valid: boolean;
    try {
      valid = await hasher.verify(password, stored?.passwordHash, client);
    } catch (error) {
      if (!(error instanceof HashingBusy)) throw error;
      await start.attempt.abandoned();
      return hashingBusyRefusal();
    }
    // A disabled user gets the same answer as a wrong password: the refusal reveals nothing.
    // The attempt stays recorded as a failure.
    if (!stored || !valid || stored.disabled) {
      return refuse('unauthenticated', 'The username or password is wrong');
    }
    await start.attempt.succeeded();
    if (hasher.needsRehash(stored.passwordHash)) {
      await rehash(stored.passwordHash, stored.user.username, password);
    }
    return ok({
      ...(await openSession(stored.user)),
      user: {
        ...stored.user,
        ...(stored.mustChangePassword ? { mustChangePassword: true } : {}),
      },
    });
  };

  /**
   * The same password at the current cost. Not audited: nobody changed anything a person
   * chose. Best effort: a busy hasher or a change meanwhile leaves the old hash for next time.
   */
  async function rehash(current: string, username: string, password: string): Promise<void> {
    try {
      const upgraded = await hasher.hash(password);
      await replacePasswordHash(db, username, current, upgraded, { byOwner: false });
    } catch (error) {
      if (!(error instanceof HashingBusy)) throw error;
    }
  }
}
