import type { RequestHandler } from 'express';
import { invalidToken, refusalError, requestTokens, type Refused } from '@denpyo/platform';
import type { SessionToken } from '../application/sessions';
import { upstreamOf } from '../domain/routes';

/**
 * Checks, before the gateway forwards it, the token of a request for a service (the bearer
 * header, else the session cookie, as the services read it):
 * - 401 when the portal no longer accepts it: badly signed, expired, or of a session that was
 *   revoked (sign-out, a disabled user, a reused refresh token). The services check signatures
 *   and expiry themselves but know nothing of sessions; since users reach them only through the
 *   portal, a revoked session stops here at once;
 * - 403 while its user must first change a password someone else chose
 *   (application/password-change-gate.ts; the portal's own operations are gated in routes.ts).
 * One read of the session with its user decides both. A request without a token goes on: the
 * service answers it (401).
 */
export function sessionGate(
  verify: (token: string) => Promise<SessionToken>,
  refuseUntilChanged: (username: string, known?: boolean) => Promise<Refused | undefined>,
): RequestHandler {
  const check = async (token: string, fromCookie: boolean): Promise<Error | undefined> => {
    let verified: SessionToken;
    try {
      verified = await verify(token);
    } catch {
      return invalidToken(fromCookie);
    }
    const refused = await refuseUntilChanged(verified.user.username, verified.mustChangePassword);
    return refused ? refusalError(refused.refusal) : undefined;
  };
  return (req, _res, next) => {
    if (upstreamOf(req.method, req.path) === undefined) return next();
    const { accessToken, fromCookie } = requestTokens(req);
    if (!accessToken) return next();
    check(accessToken, fromCookie).then(next, next);
  };
}
