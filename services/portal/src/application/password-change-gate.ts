import { refuse, type Refused } from '@denpyo/platform';
import { mustChangePassword } from '../db/users';
import type { PortalDeps } from './deps';

/** The refusal's words; the web app shows its own (Japanese) explanation on the change screen. */
export const MUST_CHANGE_PASSWORD_MESSAGE =
  'You must change the password you were given before doing anything else: POST /api/auth/password';

/**
 * A user whose password someone else chose (an administrator's new staff user, procurement's
 * vendor login) may do nothing but change it, read the session and sign out until they have:
 * every other call is refused (403). Asked of the database on each call, so the change takes
 * effect at once for tokens already issued; `known` is what this request already read of it
 * (the session gate reads it with the session), so it is not read twice.
 */
export function makePasswordChangeGate({ db }: Pick<PortalDeps, 'db'>) {
  return async (username: string, known?: boolean): Promise<Refused | undefined> =>
    (known ?? (await mustChangePassword(db, username)))
      ? refuse('forbidden', MUST_CHANGE_PASSWORD_MESSAGE)
      : undefined;
}
