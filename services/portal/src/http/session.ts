import {
  ok,
  refreshedCookies,
  signedInCookies,
  signedOutCookies,
  withCookies,
  type Outcome,
} from '@denpyo/platform';
import type { AuthUser, RefreshResponse } from '@denpyo/schemas';
import type { NewSession } from '../application/create-session';
import type { IssuedTokens } from '../application/sessions';

const cookieTokens = (tokens: IssuedTokens) => ({
  accessToken: tokens.token,
  accessMaxAgeSeconds: tokens.expiresIn,
  refreshToken: tokens.refreshToken,
  sessionMaxAgeSeconds: tokens.sessionExpiresIn,
});

/**
 * A new session as the browser gets it: the user, today and the access token's lifetime in the
 * body; the tokens in HttpOnly cookies, never where the page's script could read them.
 */
export function sessionReply(outcome: Outcome<NewSession>) {
  if (!outcome.ok) return outcome;
  const { user, today, expiresIn } = outcome.value;
  return ok(withCookies({ user, today, expiresIn }, signedInCookies(cookieTokens(outcome.value))));
}

/**
 * A renewed session: to a bearer client (it sent its refresh token in the body) the new tokens
 * in the body; to a browser (its refresh token came in a cookie) new cookies and no tokens.
 */
export function refreshReply(
  outcome: Outcome<IssuedTokens & { user: AuthUser }>,
  to: 'bearer' | 'browser',
): Outcome<RefreshResponse> {
  if (!outcome.ok) return outcome;
  const { user, expiresIn, sessionExpiresIn } = outcome.value;
  if (to === 'bearer') return ok({ ...outcome.value });
  return ok(
    withCookies(
      { user, expiresIn, sessionExpiresIn },
      refreshedCookies(cookieTokens(outcome.value)),
    ),
  );
}

/** A sign-out as the browser gets it: the session's cookies cleared. */
export function signedOutReply<T extends object>(outcome: Outcome<T>): Outcome<T> {
  return outcome.ok ? ok(withCookies(outcome.value, signedOutCookies())) : outcome;
}
