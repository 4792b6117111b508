import { appendAudit, isUniqueViolation, prismaExecutor } from '@denpyo/platform';
import { RoleSchema, type AuthUser, type Role } from '@denpyo/schemas';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

export interface StoredUser extends AuthUser {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  roles: Role[];
  vendorId?: string;
}

/** Thrown when a username is already taken. */
export class DuplicateUsernameError extends Error {}

export class UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByUsername(username: string): Promise<StoredUser | undefined> {
    const row = await this.prisma.user.findUnique({ where: { username } });
    if (!row) return undefined;
    return {
      username: row.username,
      passwordHash: row.passwordHash,
      roles: row.roles.map((role) => RoleSchema.parse(role)),
      ...(row.vendorId ? { vendorId: row.vendorId } : {}),
    };
  }

  async existingUsernames(usernames: readonly string[]): Promise<Set<string>> {
    const rows = await this.prisma.user.findMany({
      where: { username: { in: [...usernames] } },
      select: { username: true },
    });
    return new Set(rows.map((row) => row.username));
  }

  /** Adds users that do not exist yet; existing ones (and their passwords) are left alone. */
  async insertMissing(users: readonly NewUser[]): Promise<void> {
    await this.prisma.user.createMany({ data: users.map(toRow), skipDuplicates: true });
  }

  /** Creates a vendor's portal login and its audit entry in one transaction. */
  async createVendorUser(
    user: NewUser & { vendorId: string },
    context: { actor: string; correlationId: string },
  ): Promise<AuthUser> {
    const created: AuthUser = {
      username: user.username,
      roles: user.roles,
      vendorId: user.vendorId,
    };
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { ...toRow(user), createdBy: context.actor } });
        await appendAudit(prismaExecutor(tx), {
          actor: context.actor,
          action: 'portal-user.created',
          entityType: 'user',
          entityId: user.username,
          counterparty: user.vendorId,
          after: created,
          correlationId: context.correlationId,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DuplicateUsernameError(`Username ${user.username} is taken`);
      }
      throw error;
    }
    return created;
  }
}

function toRow(user: NewUser): Prisma.UserCreateManyInput {
  return {
    username: user.username,
    passwordHash: user.passwordHash,
    roles: user.roles,
    vendorId: user.vendorId ?? null,
  };
}
