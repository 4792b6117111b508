import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { AuthUser } from '@denpyo/schemas';

/**
 * Who a session signs in: the caller its verified token names (cookie or bearer), as every
 * service sees it. Tokens are the truth until they expire, so no lookup is needed.
 */
export function makeReadSession() {
  return (caller: Caller): Promise<Outcome<{ user: AuthUser }>> =>
    Promise.resolve(ok({ user: caller.user }));
}
