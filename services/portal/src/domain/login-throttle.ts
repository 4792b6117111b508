/**
 * When a sign-in attempt must wait (issue 8 finding 3). The rules, in the order a guesser meets
 * them:
 *
 * 1. Per account and client: after n consecutive failures of this client on this account, it
 *    waits `base · 2^(n−1)` (1 s, 2 s, 4 s …, at most `maxDelayMs`) after its last failure. A
 *    success clears it. Another client's failures never count here, so nobody can lock the
 *    rightful user out of a correct password from their own machine.
 * 2. Per account across clients: beyond `accountFailureLimit` failures within the window, the
 *    clients that have failed on this account back off further, exponentially in the excess.
 *    This slows a guessing botnet; a client with no failures on the account still signs in.
 * 3. Per client across accounts (password spraying): beyond `clientFailureLimit` failures within
 *    the window, the client waits until its oldest failure leaves the window.
 * 4. Global: beyond `globalFailuresPerMinute` failures in the last minute, every client with a
 *    recent failure waits a minute; clients with none still pass.
 *
 * Pure: the history comes from the database (db/login-failures.ts), shared by every portal.
 */
export interface ThrottlePolicy {
  /** The first back-off after one failure; each further failure doubles it. */
  baseDelayMs: number;
  /** No back-off is longer than this. */
  maxDelayMs: number;
  accountFailureLimit: number;
  accountWindowMs: number;
  clientFailureLimit: number;
  clientWindowMs: number;
  globalFailuresPerMinute: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  accountFailureLimit: 10,
  accountWindowMs: 15 * 60_000,
  clientFailureLimit: 30,
  clientWindowMs: 15 * 60_000,
  globalFailuresPerMinute: 300,
};

/** How long a client with recent failures waits once the global limit is passed. */
export const GLOBAL_WINDOW_MS = 60_000;

/** What the throttle knows of earlier attempts when one begins (times in ms since the epoch). */
export interface AttemptHistory {
  now: number;
  /** This client's failures on this account since its last success. */
  pair: { failures: number; lastAt?: number };
  /** Every client's failures on this account within the account window. */
  account: { failures: number; lastAt?: number };
  /** This client's failures on any account within the client window. */
  client: { failures: number; oldestAt?: number };
  /** Every failure within the last minute. */
  global: { failures: number };
}

/** The back-off after `failures` consecutive failures: base · 2^(n−1), capped; 0 for none. */
export function backoffMs(failures: number, policy: ThrottlePolicy): number {
  if (failures <= 0) return 0;
  // 2^40 ms is decades: any larger exponent is capped anyway, and stays a finite number.
  return Math.min(policy.baseDelayMs * 2 ** Math.min(failures - 1, 40), policy.maxDelayMs);
}

/** Milliseconds this attempt must wait; 0 when it may go ahead. */
export function throttleWaitMs(history: AttemptHistory, policy: ThrottlePolicy): number {
  const { now, pair, account, client, global } = history;
  const waits = [0];
  if (pair.failures > 0 && pair.lastAt !== undefined) {
    waits.push(pair.lastAt + backoffMs(pair.failures, policy) - now);
  }
  if (
    pair.failures > 0 &&
    account.failures >= policy.accountFailureLimit &&
    account.lastAt !== undefined
  ) {
    const excess = account.failures - policy.accountFailureLimit + 1;
    waits.push(account.lastAt + backoffMs(excess, policy) - now);
  }
  if (client.failures >= policy.clientFailureLimit && client.oldestAt !== undefined) {
    waits.push(client.oldestAt + policy.clientWindowMs - now);
  }
  if (global.failures >= policy.globalFailuresPerMinute && client.failures > 0) {
    waits.push(GLOBAL_WINDOW_MS);
  }
  return Math.max(...waits);
}

/** Whole seconds for Retry-After, never 0 while waiting. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** The key an account is throttled by: the username as typed would sign in. */
export function accountKey(username: string): string {
  return username.normalize('NFC').toLowerCase().slice(0, 256);
}
