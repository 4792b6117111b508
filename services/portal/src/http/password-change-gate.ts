import type { RequestHandler } from 'express';
import { decodeJwt } from 'jose';
import { refusalError, requestTokens, type Refused } from '@denpyo/platform';
import { upstreamOf } from '../domain/routes';

/**
 * Refuses (403) every request the gateway would forward for a user who must first change a
 * password someone else chose (application/password-change-gate.ts). Mounted before the
 * gateway; the portal's own operations are gated in routes.ts.
 *
 * The token is only decoded here, not verified: the service it goes to verifies it. A forged
 * token could only make this check pass for another name, and the service then refuses it.
 */
export function passwordChangeGate(
  refuseUntilChanged: (username: string) => Promise<Refused | undefined>,
): RequestHandler {
  return (req, _res, next) => {
    if (upstreamOf(req.method, req.path) === undefined) return next();
    // The token as the services read it: the bearer header, else the session cookie.
    const username = usernameOf(requestTokens(req).accessToken);
    if (!username) return next();
    refuseUntilChanged(username).then(
      (refused) => next(refused ? refusalError(refused.refusal) : undefined),
      next,
    );
  };
}

function usernameOf(token: string | undefined): string | undefined {
  if (!token) return undefined;
  try {
    const { sub } = decodeJwt(token);
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
