import { isUniqueViolation, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { AuthUser, PortalUserCreateRequest } from '@denpyo/schemas';
import { authUserOf, insertUser } from '../db/users';
import type { PortalDeps } from './deps';
import { HashingBusy, hashingBusyRefusal } from './password-hasher';

/**
 * Procurement gives a vendor a portal login (role `vendor`, acting for that vendor only). The
 * vendor belongs to the contract service, so its existence is asked there first; the login and
 * its audit entry commit together here. Procurement chose the password, so the vendor must
 * change it at the first sign-in.
 */
export function makeCreateVendorPortalUser({ uow, vendorExists, hasher }: PortalDeps) {
  return async (
    vendorId: string,
    { username, password }: PortalUserCreateRequest,
    caller: Caller,
  ): Promise<Outcome<AuthUser>> => {
    if (!(await vendorExists(vendorId, caller.user))) {
      return refuse('unprocessable', 'unknown vendor', [
        { path: 'id', message: 'no vendor has this id' },
      ]);
    }
    // Hashed before the transaction: scrypt is slow on purpose and needs no row.
    let passwordHash: string;
    try {
      passwordHash = await hasher.hash(password);
    } catch (error) {
      if (!(error instanceof HashingBusy)) throw error;
      return hashingBusyRefusal();
    }
    return uow.run(caller, async ({ tx, now, actor, audit }) => {
      let created: AuthUser;
      try {
        created = authUserOf(
          await insertUser(
            tx,
            { username, passwordHash, roles: ['vendor'], vendorId, mustChangePassword: true },
            { by: actor, at: now },
          ),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return refuse('conflict', `Username ${username} is taken`);
      }
      audit({
        action: 'portal-user.created',
        entityType: 'user',
        entityId: created.username,
        counterparty: vendorId,
        after: created,
      });
      return ok(created);
    });
  };
}
