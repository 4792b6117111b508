import { makeSearchAudit, makeVerifyAudit, prismaExecutor } from '@denpyo/platform';
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
import { makePasswordChangeGate } from './password-change-gate';
import { makeReadSession } from './read-session';
import { makeSeedDemoUsers } from './seed-demo-users';
import { makePruneSessions, makeRefreshSession, makeVerifySessionToken } from './sessions';
import { makeAnchorAuditTrails, makeVerifyAuditTrails } from './verify-audit-trails';

export type { PortalDeps, VendorLookup } from './deps';
export type { AuditTrailsDeps, TrailVerifier } from './verify-audit-trails';

/** The portal's use cases: what its routes and its start-up call, and nothing else. */
export function createPortalApplication(deps: PortalDeps) {
  return {
    logIn: makeLogIn(deps),
    createSession: makeCreateSession(deps),
    readSession: makeReadSession(deps),
    logOut: makeLogOut(deps),
    refreshSession: makeRefreshSession(deps),
    verifySessionToken: makeVerifySessionToken(deps),
    pruneSessions: makePruneSessions(deps),
    publicKeys: () => deps.signer.jwks,
    changePassword: makeChangePassword(deps),
    createUser: makeCreateUser(deps),
    listUsers: makeListUsers(deps),
    disableUser: makeDisableUser(deps),
    createVendorPortalUser: makeCreateVendorPortalUser(deps),
    searchAudit: makeSearchAudit(prismaExecutor(deps.db)),
    verifyAudit: makeVerifyAudit(prismaExecutor(deps.db), 'portal'),
    verifyAuditTrails: makeVerifyAuditTrails(deps.auditTrails),
    anchorAuditTrails: makeAnchorAuditTrails(deps.auditTrails),
    seedDemoUsers: makeSeedDemoUsers(deps),
    disableDemoUsers: makeDisableDemoUsers(deps),
    refuseUntilPasswordChanged: makePasswordChangeGate(deps),
  };
}
export type PortalApplication = ReturnType<typeof createPortalApplication>;
