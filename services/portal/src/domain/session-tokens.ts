import { createHash, randomBytes } from 'node:crypto';

// Refresh tokens: 256 random bits, handed out once and kept only as a SHA-256 hash (a slow
// password hash is not needed: nobody can guess 256 random bits from their hash).

export interface NewRefreshToken {
  /** What the client holds (base64url). */
  token: string;
  /** What the portal keeps. */
  hash: Buffer;
}

export function newRefreshToken(): NewRefreshToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: refreshTokenHash(token) };
}

export function refreshTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** What the portal knows of a presented refresh token and its session. */
export interface RefreshTokenState {
  usedAt: Date | null;
  session: { expiresAt: Date; revokedAt: Date | null };
}

/**
 * What a refresh with this token does:
 * - `renew`: an unspent token of a live session: spend it, issue the next pair;
 * - `reused`: a spent token of a live session: it was copied (or stolen), so the whole session
 *   is revoked, the holder of the newer token included;
 * - `ended`: the session is over (revoked or past its end): refused, nothing to change.
 */
export function judgeRefresh(state: RefreshTokenState, now: Date): 'renew' | 'reused' | 'ended' {
  if (state.session.revokedAt !== null || state.session.expiresAt <= now) return 'ended';
  return state.usedAt === null ? 'renew' : 'reused';
}

/** Whether a session may still be used by its access tokens. */
export function sessionIsLive(
  session: { expiresAt: Date; revokedAt: Date | null } | undefined,
  now: Date,
): boolean {
  return session !== undefined && session.revokedAt === null && session.expiresAt > now;
}
