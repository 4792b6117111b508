import { ok, type Outcome } from '@denpyo/platform';

/**
 * Signs a browser out. Tokens are stateless, so there is nothing to revoke here: the route
 * clears the session's cookies, and a signed-out browser no longer holds the token. Public, so
 * a browser whose session already expired can still clear its cookies.
 */
export function makeLogOut() {
  return (): Promise<Outcome<{ signedOut: true }>> =>
    Promise.resolve(ok({ signedOut: true as const }));
}
