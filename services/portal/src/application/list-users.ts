import { ok, type ListPage, type Outcome } from '@denpyo/platform';
import type { User, UserListQuery } from '@denpyo/schemas';
import { listUsers } from '../db/users';
import type { PortalDeps } from './deps';

/** The administrator's list of every login, staff and vendors; one page. */
export function makeListUsers({ db }: PortalDeps) {
  return async (query: UserListQuery): Promise<Outcome<ListPage<User>>> =>
    ok(await listUsers(db, query));
}
