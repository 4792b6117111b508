import type { Refused } from '@denpyo/platform';
import type { Db } from '../db/prisma';
import {
  beginAttempt,
  forgetAttempt,
  forgetPairFailures,
  pruneFailures,
} from '../db/login-failures';
import {
  accountKey,
  retryAfterSeconds,
  throttleWaitMs,
  type ThrottlePolicy,
} from '../domain/login-throttle';

/** An attempt the throttle let through: say how it ended. A failure needs no word: it stays. */
export interface AdmittedAttempt {
  /** The password was right: this client's failures on the account are forgotten. */
  succeeded(): Promise<void>;
  /** The attempt was not decided by the password (hashing busy): it is not counted. */
  abandoned(): Promise<void>;
}

export type AttemptStart =
  { admitted: true; attempt: AdmittedAttempt } | { admitted: false; refused: Refused };

/**
 * The login throttle as sign-in and password change use it, kept in the portal's database so
 * several portals share it (the rules: domain/login-throttle.ts). Every attempt counts as a
 * failure from the moment it begins until it is known to be right.
 */
export interface LoginThrottle {
  begin(username: string, client: string): Promise<AttemptStart>;
}

/** Prunes old failures at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

export function databaseLoginThrottle(db: Db, policy: ThrottlePolicy): LoginThrottle {
  let prunedAt = 0;
  return {
    async begin(username, client) {
      const account = accountKey(username);
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneFailures(db);
      }
      const { id, history } = await beginAttempt(db, account, client, policy);
      const waitMs = throttleWaitMs(history, policy);
      if (waitMs > 0) {
        // A refused attempt checked no password: it does not lengthen the wait.
        await forgetAttempt(db, id);
        return {
          admitted: false,
          refused: {
            ok: false,
            refusal: {
              code: 'throttled',
              message: 'Too many failed sign-ins; try again later',
              retryAfterSeconds: retryAfterSeconds(waitMs),
            },
          },
        };
      }
      return {
        admitted: true,
        attempt: {
          succeeded: () => forgetPairFailures(db, account, client, id),
          abandoned: () => forgetAttempt(db, id),
        },
      };
    },
  };
}
