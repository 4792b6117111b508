import { existingUsernames, insertMissingUsers } from '../db/users';
import { DEMO_PASSWORD, DEMO_USERS } from '../domain/demo-users';
import { hashPassword } from '../domain/password';
import { ok, type Outcome } from '@denpyo/platform';
import type { Db, Tx } from '../db/prisma';
import type { PortalDeps } from './deps';

/** Who the audit trail names for the demo users. */
const DEMO_MODE_ACTOR = 'portal (demo mode)';

/**
 * Creates the demo users of API.md that do not exist yet and returns their names. Idempotent:
 * a restart leaves existing users (and any changed password) alone. Run at start-up, before
 * any request, as the process's own audited work.
 */
export function makeSeedDemoUsers({ db, uow }: PortalDeps) {
  const missingUsers = async (from: Db | Tx) => {
    const existing = await existingUsernames(
      from,
      DEMO_USERS.map((user) => user.username),
    );
    return DEMO_USERS.filter((user) => !existing.has(user.username));
  };
  return async (): Promise<Outcome<string[]>> => {
    // Each hashed (with its own salt) before the transaction: scrypt is slow and needs no lock.
    const hashed = await Promise.all(
      (await missingUsers(db)).map(async (user) => ({
        ...user,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      })),
    );
    if (hashed.length === 0) return ok([]);
    return uow.runAs(DEMO_MODE_ACTOR, async ({ tx, audit }) => {
      // Another portal starting at the same time may have created some of them meanwhile.
      const missing = new Set((await missingUsers(tx)).map((user) => user.username));
      await insertMissingUsers(
        tx,
        hashed.filter((user) => missing.has(user.username)),
      );
      for (const user of DEMO_USERS.filter((demo) => missing.has(demo.username))) {
        audit({
          action: 'user.created',
          entityType: 'user',
          entityId: user.username,
          before: null,
          after: { username: user.username, roles: user.roles, demo: true },
        });
      }
      return ok([...missing]);
    });
  };
}
