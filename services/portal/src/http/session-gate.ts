import type { RequestHandler } from 'express';
import { invalidToken, requestTokens, type TokenVerifier } from '@denpyo/platform';
import { upstreamOf } from '../domain/routes';

/**
 * Refuses (401), before the gateway forwards it, a request whose access token the portal no
 * longer accepts: badly signed, expired, or of a session that was revoked (sign-out, a disabled
 * user, a reused refresh token). The services check signatures and expiry themselves but know
 * nothing of sessions; since users reach them only through the portal, a revoked session stops
 * here at once. A request without a token goes on: the service answers it (401).
 */
export function sessionGate(verify: TokenVerifier): RequestHandler {
  return (req, _res, next) => {
    if (upstreamOf(req.method, req.path) === undefined) return next();
    const { accessToken, fromCookie } = requestTokens(req);
    if (!accessToken) return next();
    verify(accessToken).then(
      () => next(),
      () => next(invalidToken(fromCookie)),
    );
  };
}
