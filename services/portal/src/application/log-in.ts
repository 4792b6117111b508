import { issueToken, ok, refuse, type Outcome } from '@denpyo/platform';
import type { LoginRequest, LoginResponse } from '@denpyo/schemas';
import { findUser } from '../db/users';
import { hashPassword, verifyPassword } from '../domain/password';
import type { PortalDeps } from './deps';

/**
 * Checks a username and password and issues a bearer token carrying the user's roles, name,
 * title and rank; one refusal for a wrong password, an unknown user and a disabled one alike. Repeated failures for one username from one address are refused
 * as `throttled` until the throttle's window ends.
 */
export function makeLogIn({ db, jwtSecret, throttle }: PortalDeps) {
  // Checked when the user is unknown, so response time does not reveal which names exist.
  const dummyHash = hashPassword('not-a-password-of-anyone');
  return async (
    { username, password }: LoginRequest,
    clientAddress: string,
  ): Promise<Outcome<LoginResponse>> => {
    const throttled = throttle.refuseIfThrottled(username, clientAddress);
    if (throttled) return throttled;
    const stored = await findUser(db, username);
    const valid = await verifyPassword(password, stored?.passwordHash ?? (await dummyHash));
    // A disabled user gets the same answer as a wrong password: the refusal reveals nothing.
    if (!stored || !valid || stored.disabled) {
      throttle.recordFailure(username, clientAddress);
      return refuse('unauthenticated', 'The username or password is wrong');
    }
    throttle.recordSuccess(username, clientAddress);
    return ok({ token: await issueToken(stored.user, jwtSecret), user: stored.user });
  };
}
