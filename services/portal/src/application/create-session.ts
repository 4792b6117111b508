import { ok, type Outcome } from '@denpyo/platform';
import type { LoginRequest, SignedInUser } from '@denpyo/schemas';
import type { PortalDeps } from './deps';
import { makeLogIn } from './log-in';
import type { IssuedTokens } from './sessions';

/** A browser's new session: its user, the system's date, and the tokens its cookies carry. */
export interface NewSession extends IssuedTokens {
  user: SignedInUser;
  today: string;
}

/**
 * Signs a browser in. The rules are the login's own (log-in.ts): the same throttle per username
 * and address, the same scrypt check, the same refusal for a wrong password and an unknown user,
 * the same session; only the tokens' way back differs (cookies, set by the route, instead of the
 * body).
 */
export function makeCreateSession(deps: PortalDeps) {
  const logIn = makeLogIn(deps);
  return async (credentials: LoginRequest, clientAddress: string): Promise<Outcome<NewSession>> => {
    const loggedIn = await logIn(credentials, clientAddress);
    if (!loggedIn.ok) return loggedIn;
    return ok({ ...loggedIn.value, today: deps.today() });
  };
}
