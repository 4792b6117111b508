import { RoleSchema, type AuthUser, type Role } from '@denpyo/schemas';
import type { Prisma } from '../generated/prisma/client';
import type { Db, Tx } from './prisma';

export interface StoredUser extends AuthUser {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  roles: Role[];
  vendorId?: string;
}

export async function findUser(db: Db | Tx, username: string): Promise<StoredUser | undefined> {
  const row = await db.user.findUnique({ where: { username } });
  if (!row) return undefined;
  return {
    username: row.username,
    passwordHash: row.passwordHash,
    roles: row.roles.map((role) => RoleSchema.parse(role)),
    ...(row.vendorId ? { vendorId: row.vendorId } : {}),
  };
}

export async function existingUsernames(
  db: Db | Tx,
  usernames: readonly string[],
): Promise<Set<string>> {
  const rows = await db.user.findMany({
    where: { username: { in: [...usernames] } },
    select: { username: true },
  });
  return new Set(rows.map((row) => row.username));
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
): Promise<AuthUser> {
  await tx.user.create({ data: { ...toRow(user), createdBy: created.by, createdAt: created.at } });
  return {
    username: user.username,
    roles: user.roles,
    ...(user.vendorId ? { vendorId: user.vendorId } : {}),
  };
}

function toRow(user: NewUser): Prisma.UserCreateManyInput {
  return {
    username: user.username,
    passwordHash: user.passwordHash,
    roles: user.roles,
    vendorId: user.vendorId ?? null,
  };
}
