import { issueToken, ok, refuse, type Outcome } from '@denpyo/platform';
import type { AuthUser, LoginRequest, LoginResponse } from '@denpyo/schemas';
import { findUser } from '../db/users';
import { hashPassword, verifyPassword } from '../domain/password';
import type { PortalDeps } from './deps';

/**
 * Checks a username and password and issues a bearer token; one refusal for a wrong password
 * and an unknown user alike. Repeated failures for one username from one address are refused
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
    const user = await findUser(db, username);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
    if (!user || !valid) {
      throttle.recordFailure(username, clientAddress);
      return refuse('unauthenticated', 'The username or password is wrong');
    }
    throttle.recordSuccess(username, clientAddress);
    const authUser: AuthUser = {
      username: user.username,
      roles: user.roles,
      ...(user.vendorId ? { vendorId: user.vendorId } : {}),
    };
    return ok({ token: await issueToken(authUser, jwtSecret), user: authUser });
  };
}
