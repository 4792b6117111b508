import { ok, type Outcome } from '@denpyo/platform';
import type { PortalDeps } from './deps';
import { makeEndSession, type SessionCredentials } from './sessions';

/**
 * Signs out: revokes the session the request's tokens name (sessions.ts), and the route clears
 * the browser's cookies. Public, so a browser whose session already ended can still clear them.
 */
export function makeLogOut(deps: PortalDeps) {
  const endSession = makeEndSession(deps);
  return async (credentials: SessionCredentials): Promise<Outcome<{ signedOut: true }>> => {
    await endSession(credentials);
    return ok({ signedOut: true as const });
  };
}
