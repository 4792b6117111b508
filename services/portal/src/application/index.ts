import { makeSearchAudit, prismaExecutor } from '@denpyo/platform';
import { makeChangePassword } from './change-password';
import { makeCreateSession } from './create-session';
import { makeCreateUser } from './create-user';
import { makeCreateVendorPortalUser } from './create-vendor-portal-user';
import type { PortalDeps } from './deps';
import { makeDisableDemoUsers } from './disable-demo-users';
import { makeDisableUser } from './disable-user';
import { makeListUsers } from './list-users';
import { makeLogIn } from './log-in';
import { makeLogOut } from './log-out';
import { makeReadSession } from './read-session';
import { makeSeedDemoUsers } from './seed-demo-users';

export type { PortalDeps, VendorLookup } from './deps';

/** The portal's use cases: what its routes and its start-up call, and nothing else. */
export function createPortalApplication(deps: PortalDeps) {
  return {
    logIn: makeLogIn(deps),
    createSession: makeCreateSession(deps),
    readSession: makeReadSession(deps),
    logOut: makeLogOut(),
    changePassword: makeChangePassword(deps),
    createUser: makeCreateUser(deps),
    listUsers: makeListUsers(deps),
    disableUser: makeDisableUser(deps),
    createVendorPortalUser: makeCreateVendorPortalUser(deps),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    seedDemoUsers: makeSeedDemoUsers(deps),
    disableDemoUsers: makeDisableDemoUsers(deps),
  };
}
export type PortalApplication = ReturnType<typeof createPortalApplication>;
