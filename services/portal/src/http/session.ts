import { ok, signedInCookies, signedOutCookies, withCookies, type Outcome } from '@denpyo/platform';
import type { NewSession } from '../application/create-session';

/** A new session as the browser gets it: the user and today in the body, the token in cookies. */
export function sessionReply(outcome: Outcome<NewSession>) {
  if (!outcome.ok) return outcome;
  const { user, today, token, maxAgeSeconds } = outcome.value;
  return ok(withCookies({ user, today }, signedInCookies(token, maxAgeSeconds)));
}

/** A sign-out as the browser gets it: both session cookies cleared. */
export function signedOutReply<T extends object>(outcome: Outcome<T>): Outcome<T> {
  return outcome.ok ? ok(withCookies(outcome.value, signedOutCookies())) : outcome;
}
