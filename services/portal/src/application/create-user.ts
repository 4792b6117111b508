import { isUniqueViolation, ok, refuse, type Caller, type Outcome } from '@denpyo/platform';
import type { StaffUserCreateRequest, User } from '@denpyo/schemas';
import { insertUser, toUser } from '../db/users';
import { checkStaffRoles } from '../domain/staff-user';
import type { PortalDeps } from './deps';
import { HashingBusy, hashingBusyRefusal } from './password-hasher';

/**
 * An administrator creates a staff user with the name and title vouchers print and, for an
 * approver, the rank the delegation rules route by. The user and its audit entry commit together.
 * The administrator chose the password, so the user must change it at the first sign-in.
 */
export function makeCreateUser({ uow, hasher }: PortalDeps) {
  return async (request: StaffUserCreateRequest, caller: Caller): Promise<Outcome<User>> => {
    const checked = checkStaffRoles(request);
    if (!checked.ok) return checked;
    // Hashed before the transaction: scrypt is slow on purpose and needs no row.
    let passwordHash: string;
    try {
      passwordHash = await hasher.hash(request.password);
    } catch (error) {
      if (!(error instanceof HashingBusy)) throw error;
      return hashingBusyRefusal();
    }
    return uow.run(caller, async ({ tx, now, actor, audit }) => {
      let created: User;
      try {
        created = toUser(
          await insertUser(
            tx,
            {
              username: request.username,
              passwordHash,
              displayName: request.displayName,
              title: request.title,
              ...(request.department ? { department: request.department } : {}),
              ...checked.value,
              mustChangePassword: true,
            },
            { by: actor, at: now },
          ),
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return refuse('conflict', `Username ${request.username} is taken`);
      }
      audit({
        action: 'user.created',
        entityType: 'user',
        entityId: created.username,
        before: null,
        after: created,
      });
      return ok(created);
    });
  };
}
