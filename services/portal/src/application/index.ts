import { makeSearchAudit, prismaExecutor } from '@denpyo/platform';
import { makeCreateSession } from './create-session';
import { makeCreateVendorPortalUser } from './create-vendor-portal-user';
import type { PortalDeps } from './deps';
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
    readSession: makeReadSession(),
    logOut: makeLogOut(),
    createVendorPortalUser: makeCreateVendorPortalUser(deps),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    seedDemoUsers: makeSeedDemoUsers(deps),
  };
}
export type PortalApplication = ReturnType<typeof createPortalApplication>;
