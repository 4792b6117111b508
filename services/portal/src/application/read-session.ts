import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Session } from '@denpyo/schemas';
import type { PortalDeps } from './deps';

/**
 * Who a session signs in: the caller its verified token names (cookie or bearer), as every
 * service sees it, and the system's date for the web app's defaults. Tokens are the truth until
 * they expire, so no lookup is needed.
 */
export function makeReadSession({ today }: Pick<PortalDeps, 'today'>) {
  return (caller: Caller): Promise<Outcome<Session>> =>
    Promise.resolve(ok({ user: caller.user, today: today() }));
}
