import type { Db, Tx } from './prisma';

/** Why a session ended before its time. */
export type RevokedReason =
  'signed-out' | 'user-disabled' | 'refresh-token-reused' | 'password-changed';

export async function insertSession(
  tx: Tx,
  session: { id: string; username: string; createdAt: Date; expiresAt: Date },
  refresh: { hash: Buffer },
): Promise<void> {
  await tx.session.create({ data: session });
  await insertRefreshToken(tx, session.id, refresh.hash, session.createdAt);
}

export async function insertRefreshToken(
  tx: Tx,
  sessionId: string,
  hash: Buffer,
  issuedAt: Date,
): Promise<void> {
  await tx.refreshToken.create({
    data: { tokenHash: new Uint8Array(hash), sessionId, issuedAt },
  });
}

/** A refresh token with its session, locked until commit so one token is spent only once. */
export async function lockRefreshToken(tx: Tx, hash: Buffer) {
  const rows = await tx.$queryRaw<
    {
      session_id: string;
      used_at: Date | null;
      username: string;
      expires_at: Date;
      revoked_at: Date | null;
    }[]
  >`SELECT r.session_id, r.used_at, s.username, s.expires_at, s.revoked_at
      FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
     WHERE r.token_hash = ${new Uint8Array(hash)}
       FOR UPDATE OF r, s`;
  const [row] = rows;
  if (!row) return undefined;
  return {
    sessionId: row.session_id,
    username: row.username,
    usedAt: row.used_at,
    session: { expiresAt: row.expires_at, revokedAt: row.revoked_at },
  };
}

export async function spendRefreshToken(tx: Tx, hash: Buffer, at: Date): Promise<void> {
  await tx.refreshToken.update({
    where: { tokenHash: new Uint8Array(hash) },
    data: { usedAt: at },
  });
}

/** The session a refresh token belongs to, if any (unlocked: sign-out only revokes it). */
export async function sessionOfRefreshToken(
  db: Db | Tx,
  hash: Buffer,
): Promise<string | undefined> {
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: new Uint8Array(hash) },
    select: { sessionId: true },
  });
  return row?.sessionId;
}

/**
 * A session, and whether its user must first change a password someone else chose: the
 * session gate decides a forwarded request (401 or 403) from this one read.
 */
export async function findSession(db: Db | Tx, id: string) {
  const [row] = await db.$queryRaw<
    {
      expires_at: Date;
      revoked_at: Date | null;
      username: string;
      must_change_password: boolean;
    }[]
  >`SELECT s.expires_at, s.revoked_at, s.username, u.must_change_password
      FROM sessions s JOIN users u ON u.username = s.username
     WHERE s.id = ${id}::uuid`;
  if (!row) return undefined;
  return {
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    username: row.username,
    mustChangePassword: row.must_change_password,
  };
}

/** Revokes one session unless it already is; true when this call revoked it. */
export async function revokeSession(
  db: Db | Tx,
  id: string,
  reason: RevokedReason,
  at: Date,
): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: at, revokedReason: reason },
  });
  return count === 1;
}

/** Revokes every live session of a user but `keep` (when given); how many were. */
export async function revokeSessionsOf(
  db: Db | Tx,
  username: string,
  reason: RevokedReason,
  at: Date,
  keep?: string,
): Promise<number> {
  const { count } = await db.session.updateMany({
    where: { username, revokedAt: null, ...(keep === undefined ? {} : { id: { not: keep } }) },
    data: { revokedAt: at, revokedReason: reason },
  });
  return count;
}

/** Deletes sessions (and their refresh tokens) that ended before `before`. */
export async function deleteSessionsEndedBefore(db: Db, before: Date): Promise<number> {
  const { count } = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] },
  });
  return count;
}
