import { randomUUID } from 'node:crypto';
import { ok, refuse, type Outcome, type VerifiedToken } from '@denpyo/platform';
import type { AuthUser } from '@denpyo/schemas';
import { findUser } from '../db/users';
import {
  deleteSessionsEndedBefore,
  findSession,
  insertRefreshToken,
  insertSession,
  lockRefreshToken,
  revokeSession,
  sessionOfRefreshToken,
  spendRefreshToken,
} from '../db/sessions';
import {
  judgeRefresh,
  newRefreshToken,
  refreshTokenHash,
  sessionIsLive,
} from '../domain/session-tokens';
import type { PortalDeps } from './deps';

/** How long tokens and sessions live (the portal's settings). */
export interface SessionSettings {
  /** An access token's lifetime, at most 15 minutes. */
  accessTokenTtlSeconds: number;
  /** A session's absolute lifetime from sign-in: refresh tokens do not outlive it. */
  sessionTtlSeconds: number;
}

/** What sign-in and each refresh hand out. */
export interface IssuedTokens {
  /** The access token (v1's `token`). */
  token: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Seconds until the session ends (the refresh token cannot be used after). */
  sessionExpiresIn: number;
}

const SECOND = 1000;
const secondsUntil = (end: Date, now: Date) =>
  Math.max(0, Math.floor((end.getTime() - now.getTime()) / SECOND));

/**
 * Opens a session for a user whose password was just checked: the session row, its first refresh
 * token (stored hashed) and an access token carrying the session's id (`sid`).
 */
export function makeOpenSession({ db, signer, sessionSettings }: PortalDeps) {
  return async (user: AuthUser): Promise<IssuedTokens> => {
    const now = new Date();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + sessionSettings.sessionTtlSeconds * SECOND);
    const refresh = newRefreshToken();
    await db.$transaction((tx) =>
      insertSession(tx, { id, username: user.username, createdAt: now, expiresAt }, refresh),
    );
    return {
      token: await signer.issue(user, {
        sessionId: id,
        ttlSeconds: accessTtl(sessionSettings, expiresAt, now),
      }),
      refreshToken: refresh.token,
      expiresIn: accessTtl(sessionSettings, expiresAt, now),
      sessionExpiresIn: secondsUntil(expiresAt, now),
    };
  };
}

/** An access token never outlives its session. */
function accessTtl(settings: SessionSettings, sessionEnd: Date, now: Date): number {
  return Math.max(1, Math.min(settings.accessTokenTtlSeconds, secondsUntil(sessionEnd, now)));
}

const SESSION_ENDED = 'The session has ended; sign in again';

/** What a refresh did inside its transaction (always committed, refusals included). */
type RefreshResult =
  | { kind: 'unknown' | 'ended' | 'reused' }
  | {
      kind: 'renewed';
      user: AuthUser;
      refreshToken: string;
      sessionId: string;
      expiresIn: number;
      sessionExpiresIn: number;
    };

/**
 * Exchanges a refresh token for a new access token and a new refresh token (rotation: each
 * refresh token works once). A spent token presented again means two parties hold the session:
 * the whole session is revoked, so the newer token stops working too, and the event is audited.
 * The user is read again, so a changed role or name shows in the new token and a disabled user
 * gets none.
 */
export function makeRefreshSession({ uow, signer, sessionSettings }: PortalDeps) {
  return async (refreshToken: string): Promise<Outcome<IssuedTokens & { user: AuthUser }>> => {
    const hash = refreshTokenHash(refreshToken);
    const now = new Date();
    // The outcome inside the unit of work is always ok, so what it revoked commits; the refusal
    // is made outside.
    const result = await uow.runAs<RefreshResult>('portal (sessions)', async ({ tx, audit }) => {
      const presented = await lockRefreshToken(tx, hash);
      if (!presented) return ok({ kind: 'unknown' });
      const verdict = judgeRefresh(presented, now);
      if (verdict === 'ended') return ok({ kind: 'ended' });
      if (verdict === 'reused') {
        await revokeSession(tx, presented.sessionId, 'refresh-token-reused', now);
        audit({
          action: 'session.revoked',
          entityType: 'session',
          entityId: presented.sessionId,
          before: { revoked: false },
          after: { revoked: true, reason: 'refresh-token-reused', username: presented.username },
        });
        return ok({ kind: 'reused' });
      }
      const stored = await findUser(tx, presented.username);
      if (!stored || stored.disabled) {
        await revokeSession(tx, presented.sessionId, 'user-disabled', now);
        return ok({ kind: 'ended' });
      }
      await spendRefreshToken(tx, hash, now);
      const next = newRefreshToken();
      await insertRefreshToken(tx, presented.sessionId, next.hash, now);
      const expiresIn = accessTtl(sessionSettings, presented.session.expiresAt, now);
      return ok({
        kind: 'renewed',
        user: stored.user,
        refreshToken: next.token,
        sessionId: presented.sessionId,
        expiresIn,
        sessionExpiresIn: secondsUntil(presented.session.expiresAt, now),
      });
    });
    if (!result.ok) return result;
    const value = result.value;
    if (value.kind !== 'renewed') {
      return refuse(
        'unauthenticated',
        value.kind === 'reused'
          ? 'The refresh token was already used: the session is revoked; sign in again'
          : SESSION_ENDED,
      );
    }
    const token = await signer.issue(value.user, {
      sessionId: value.sessionId,
      ttlSeconds: value.expiresIn,
    });
    return ok({
      token,
      refreshToken: value.refreshToken,
      expiresIn: value.expiresIn,
      sessionExpiresIn: value.sessionExpiresIn,
      user: value.user,
    });
  };
}

/** What identifies the session to end: any of its tokens. */
export interface SessionCredentials {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
}

/**
 * Ends the session the credentials name (sign-out): from then on the portal refuses its access
 * tokens and its refresh token. An access token must verify (so nobody ends another's session
 * by naming its id); a refresh token is its own proof. Nothing to end is no error: sign-out
 * always succeeds, so a browser can clear its cookies.
 */
export function makeEndSession({ db, signer }: PortalDeps) {
  return async (credentials: SessionCredentials): Promise<void> => {
    const ids = new Set<string>();
    if (credentials.refreshToken) {
      const id = await sessionOfRefreshToken(db, refreshTokenHash(credentials.refreshToken));
      if (id) ids.add(id);
    }
    if (credentials.accessToken) {
      const verified = await signer.verify(credentials.accessToken).catch(() => undefined);
      if (verified?.sessionId) ids.add(verified.sessionId);
    }
    const now = new Date();
    for (const id of ids) await revokeSession(db, id, 'signed-out', now);
  };
}

/** A token the portal accepts; what it read of the session's user, when a session backs it. */
export interface SessionToken extends VerifiedToken {
  /** Read with the session, so the password-change gate needs no second read; absent without one. */
  mustChangePassword?: boolean;
}

/**
 * The portal's token check: the signature and claims (signer.verify), then, for a token issued
 * for a session, that the session is still live — so sign-out, a disabled user and a reused
 * refresh token take effect on the portal at once. Tokens without a session are the portal's
 * own one-minute tokens to the services (they never reach a user).
 */
export function makeVerifySessionToken({ db, signer }: PortalDeps) {
  return async (token: string): Promise<SessionToken> => {
    const verified = await signer.verify(token);
    if (verified.sessionId === undefined) return verified;
    const session = await findSession(db, verified.sessionId);
    if (
      !session ||
      !sessionIsLive(session, new Date()) ||
      session.username !== verified.user.username
    ) {
      throw new Error(SESSION_ENDED);
    }
    return { ...verified, mustChangePassword: session.mustChangePassword };
  };
}

/** Sessions ended more than a day ago are deleted (their rows help nobody after that). */
export function makePruneSessions({ db }: PortalDeps) {
  return async (): Promise<number> =>
    deleteSessionsEndedBefore(db, new Date(Date.now() - 24 * 3600 * SECOND));
}
