import {
  RankSchema,
  RoleSchema,
  type AuthUser,
  pageWindow,
  type Rank,
  type Role,
  type User,
  type UserListQuery,
} from '@denpyo/schemas';
import type { ListPage } from '@denpyo/platform';
import type { Prisma, User as UserRow } from '../generated/prisma/client';
import type { Db, Tx } from './prisma';

/** A stored login: what the token carries, its hash, and whether it may sign in. */
export interface StoredUser {
  user: AuthUser;
  passwordHash: string;
  disabled: boolean;
  demo: boolean;
  /** Someone else chose the password: the user must change it before anything else. */
  mustChangePassword: boolean;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  roles: Role[];
  vendorId?: string;
  displayName?: string;
  title?: string;
  department?: string;
  rank?: Rank;
  demo?: boolean;
  mustChangePassword?: boolean;
}

export async function findUser(db: Db | Tx, username: string): Promise<StoredUser | undefined> {
  const row = await db.user.findUnique({ where: { username } });
  if (!row) return undefined;
  return {
    user: authUserOf(row),
    passwordHash: row.passwordHash,
    disabled: row.disabledAt !== null,
    demo: row.demo,
    mustChangePassword: row.mustChangePassword,
  };
}

/** Whether `username` must change the password before anything else (false when unknown). */
export async function mustChangePassword(db: Db | Tx, username: string): Promise<boolean> {
  const row = await db.user.findUnique({
    where: { username },
    select: { mustChangePassword: true },
  });
  return row?.mustChangePassword ?? false;
}

/** The user as a token carries it: roles, vendor, and the name, title and rank vouchers print. */
export function authUserOf(row: UserRow): AuthUser {
  return {
    username: row.username,
    roles: row.roles.map((role) => RoleSchema.parse(role)),
    ...(row.vendorId ? { vendorId: row.vendorId } : {}),
    ...(row.displayName ? { displayName: row.displayName } : {}),
    ...(row.title ? { title: row.title } : {}),
    ...(row.department ? { department: row.department } : {}),
    ...(row.rank ? { rank: RankSchema.parse(row.rank) } : {}),
  };
}

export async function findUserRows(
  db: Db | Tx,
  usernames: readonly string[],
): Promise<Map<string, UserRow>> {
  const rows = await db.user.findMany({ where: { username: { in: [...usernames] } } });
  return new Map(rows.map((row) => [row.username, row]));
}

/** Adds users that do not exist yet; existing ones (and their passwords) are left alone. */
export async function insertMissingUsers(db: Db | Tx, users: readonly NewUser[]): Promise<void> {
  await db.user.createMany({ data: users.map(toRow), skipDuplicates: true });
}

/** Inserts a user created by someone; a taken username throws P2002. */
export async function insertUser(
  tx: Tx,
  user: NewUser,
  created: { by: string; at: Date },
): Promise<UserRow> {
  return tx.user.create({ data: { ...toRow(user), createdBy: created.by, createdAt: created.at } });
}

/** One page of every login, staff and vendors, by username. */
export async function listUsers(db: Db, query: UserListQuery): Promise<ListPage<User>> {
  const contains = { contains: query.q, mode: 'insensitive' } as const;
  const where: Prisma.UserWhereInput = {
    ...(query.q
      ? { OR: [{ username: contains }, { displayName: contains }, { title: contains }] }
      : {}),
    ...(query.role ? { roles: { has: query.role } } : {}),
    ...(query.status === undefined
      ? {}
      : { disabledAt: query.status === 'disabled' ? { not: null } : null }),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: { username: query.order },
      ...pageWindow(query, (key) => ({ username: String(key.username) })),
    }),
    db.user.count({ where }),
  ]);
  return { items: rows.map(toUser), total };
}

/** Marks a user disabled unless it already is; false when there was nothing to disable. */
export async function disableUser(
  tx: Tx,
  username: string,
  disabled: { by: string; at: Date },
): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { username, disabledAt: null },
    data: { disabledAt: disabled.at, disabledBy: disabled.by },
  });
  return count === 1;
}

/** Lets a user disabled by `by` sign in again. */
export async function enableUser(tx: Tx, username: string, by: string): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { username, disabledBy: by },
    data: { disabledAt: null, disabledBy: null },
  });
  return count === 1;
}

/** Usernames of the demo users that can still sign in. */
export async function enabledDemoUsernames(db: Db | Tx): Promise<string[]> {
  const rows = await db.user.findMany({
    where: { demo: true, disabledAt: null },
    select: { username: true },
    orderBy: { username: 'asc' },
  });
  return rows.map((row) => row.username);
}

/** Replaces the profile (roles, name, title, department, rank) of an existing user. */
export async function updateProfile(
  tx: Tx,
  username: string,
  profile: Pick<NewUser, 'roles' | 'displayName' | 'title' | 'department' | 'rank'>,
): Promise<void> {
  await tx.user.update({
    where: { username },
    data: {
      roles: profile.roles,
      displayName: profile.displayName ?? null,
      title: profile.title ?? null,
      department: profile.department ?? null,
      rank: profile.rank ?? null,
    },
  });
}

/**
 * Replaces the hash only if it is still `expected`; false when it changed meanwhile. `byOwner`:
 * the user chose the new password, so no change is demanded any more (a re-hash of the same
 * password at a new cost leaves that alone).
 */
export async function replacePasswordHash(
  tx: Db | Tx,
  username: string,
  expected: string,
  passwordHash: string,
  { byOwner }: { byOwner: boolean },
): Promise<boolean> {
  const { count } = await tx.user.updateMany({
    where: { username, passwordHash: expected },
    data: { passwordHash, ...(byOwner ? { mustChangePassword: false } : {}) },
  });
  return count === 1;
}

export function toUser(row: UserRow): User {
  return {
    ...authUserOf(row),
    demo: row.demo,
    disabled: row.disabledAt !== null,
    ...(row.disabledAt ? { disabledAt: row.disabledAt.toISOString() } : {}),
    ...(row.disabledBy ? { disabledBy: row.disabledBy } : {}),
    createdAt: row.createdAt.toISOString(),
    ...(row.createdBy ? { createdBy: row.createdBy } : {}),
  };
}

function toRow(user: NewUser): Prisma.UserCreateManyInput {
  return {
    username: user.username,
    passwordHash: user.passwordHash,
    roles: user.roles,
    vendorId: user.vendorId ?? null,
    displayName: user.displayName ?? null,
    title: user.title ?? null,
    department: user.department ?? null,
    rank: user.rank ?? null,
    demo: user.demo ?? false,
    mustChangePassword: user.mustChangePassword ?? false,
  };
}
