import { ok, type Caller, type Outcome } from '@denpyo/platform';
import type { Session } from '@denpyo/schemas';
import { mustChangePassword } from '../db/users';
import type { PortalDeps } from './deps';

/**
 * Who a session signs in: the caller its verified token names (cookie or bearer), as every
 * service sees it, and the system's date for the web app's defaults; and whether the user must
 * first change a password someone else chose (read from the database, since a change ends it
 * while the token lives on).
 */
export function makeReadSession({ db, today }: Pick<PortalDeps, 'db' | 'today'>) {
  return async (caller: Caller): Promise<Outcome<Session>> => {
    const mustChange = await mustChangePassword(db, caller.user.username);
    return ok({
      user: { ...caller.user, ...(mustChange ? { mustChangePassword: true } : {}) },
      today: today(),
    });
  };
}
