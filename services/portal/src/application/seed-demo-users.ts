import { ok, type Outcome } from '@denpyo/platform';
import type { Tx } from '../db/prisma';
import {
  authUserOf,
  enableUser,
  findUserRows,
  insertMissingUsers,
  updateProfile,
  type NewUser,
} from '../db/users';
import { DEMO_PASSWORD, DEMO_USERS } from '../domain/demo-users';
import { DEMO_MODE_OFF_ACTOR } from './disable-demo-users';
import type { PortalDeps } from './deps';

/** Who the audit trail names for the demo users. */
const DEMO_MODE_ACTOR = 'portal (demo mode)';

/** What a demo-mode start changed: users created, given their current profile, re-enabled. */
export interface DemoSeeding {
  created: string[];
  updated: string[];
  enabled: string[];
}

/**
 * Creates the demo users of API.md that do not exist yet, gives earlier demo users their current
 * name, title, roles and rank, and lets demo users that a start without demo mode disabled sign
 * in again. Idempotent: passwords (changed or not) are left alone, and users an administrator
 * created or disabled are not touched. Run at start-up, before any request, as the process's
 * own audited work.
 */
export function makeSeedDemoUsers({ db, uow, hasher }: PortalDeps) {
  const usernames = DEMO_USERS.map((user) => user.username);
  return async (): Promise<Outcome<DemoSeeding>> => {
    const existingBefore = await findUserRows(db, usernames);
    // Each hashed (with its own salt) before the transaction: scrypt is slow and needs no lock.
    // One after another: the hasher's queue is for sign-ins, not for a start-up's dozen.
    const hashed: NewUser[] = [];
    for (const user of DEMO_USERS.filter((demo) => !existingBefore.has(demo.username))) {
      hashed.push({ ...user, passwordHash: await hasher.hash(DEMO_PASSWORD), demo: true });
    }
    return uow.runAs(DEMO_MODE_ACTOR, async ({ tx, audit }) => {
      // Another portal starting at the same time may have created some of them meanwhile.
      const existing = await findUserRows(tx, usernames);
      const toCreate = hashed.filter((user) => !existing.has(user.username));
      await insertMissingUsers(tx, toCreate);
      for (const user of toCreate) {
        audit({
          action: 'user.created',
          entityType: 'user',
          entityId: user.username,
          before: null,
          after: { ...profileOf(user), demo: true },
        });
      }
      const updated: string[] = [];
      const enabled: string[] = [];
      for (const demo of DEMO_USERS) {
        const row = existing.get(demo.username);
        // A user of the same name that demo mode did not create is someone's real login.
        if (!row?.demo) continue;
        const before = profileOf(authUserOf(row));
        const after = profileOf(demo);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          await updateProfile(tx, demo.username, demo);
          audit({
            action: 'user.updated',
            entityType: 'user',
            entityId: demo.username,
            before,
            after,
          });
          updated.push(demo.username);
        }
        if (await reenable(tx, demo.username)) {
          audit({
            action: 'user.enabled',
            entityType: 'user',
            entityId: demo.username,
            before: { disabled: true },
            after: { disabled: false, reason: 'demo mode is on' },
          });
          enabled.push(demo.username);
        }
      }
      return ok({ created: toCreate.map((user) => user.username), updated, enabled });
    });
  };
}

/** Only the demo users a start without demo mode disabled; an administrator's stay disabled. */
const reenable = (tx: Tx, username: string) => enableUser(tx, username, DEMO_MODE_OFF_ACTOR);

function profileOf(user: Pick<NewUser, 'roles' | 'displayName' | 'title' | 'department' | 'rank'>) {
  return {
    roles: user.roles,
    displayName: user.displayName ?? null,
    title: user.title ?? null,
    department: user.department ?? null,
    rank: user.rank ?? null,
  };
}
