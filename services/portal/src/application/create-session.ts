import { ok, TOKEN_TTL_SECONDS, type Outcome } from '@denpyo/platform';
import type { AuthUser, LoginRequest } from '@denpyo/schemas';
import type { PortalDeps } from './deps';
import { makeLogIn } from './log-in';

/**
 * A browser's new session: its user, the system's date, and the token its cookie carries for
 * `maxAgeSeconds`.
 */
export interface NewSession {
  user: AuthUser;
  today: string;
  token: string;
  maxAgeSeconds: number;
}

/**
 * Signs a browser in. The rules are the login's own (log-in.ts): the same throttle per username
 * and address, the same scrypt check, the same refusal for a wrong password and an unknown user;
 * only the token's way back differs (a cookie, set by the route, instead of the body).
 */
export function makeCreateSession(deps: PortalDeps) {
  const logIn = makeLogIn(deps);
  return async (credentials: LoginRequest, clientAddress: string): Promise<Outcome<NewSession>> => {
    const loggedIn = await logIn(credentials, clientAddress);
    if (!loggedIn.ok) return loggedIn;
    return ok({ ...loggedIn.value, today: deps.today(), maxAgeSeconds: TOKEN_TTL_SECONDS });
  };
}
