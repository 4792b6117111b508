import fc from 'fast-check';
import {
  accountKey,
  backoffMs,
  DEFAULT_THROTTLE_POLICY as POLICY,
  GLOBAL_WINDOW_MS,
  retryAfterSeconds,
  throttleWaitMs,
  type AttemptHistory,
} from '../src/domain/login-throttle';

const NOW = 1_800_000_000_000;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A history with nothing in it but what the test says. */
function history(parts: Partial<Omit<AttemptHistory, 'now'>> = {}): AttemptHistory {
  return {
    now: NOW,
    pair: { failures: 0 },
    account: { failures: 0 },
    client: { failures: 0 },
    global: { failures: 0 },
    ...parts,
  };
}

/** Arbitrary histories: counts up to a few thousand, times within the last hour. */
const counts = fc.integer({ min: 0, max: 5000 });
const recent = fc.integer({ min: NOW - 60 * MINUTE, max: NOW });
const anyHistory = fc.record({
  now: fc.constant(NOW),
  pair: fc.record({ failures: counts, lastAt: recent }),
  account: fc.record({ failures: counts, lastAt: recent }),
  client: fc.record({ failures: counts, oldestAt: recent }),
  global: fc.record({ failures: counts }),
});

describe('login throttle rules', () => {
  it('backs off exponentially per account and client: 1 s, 2 s, 4 s … capped at 15 minutes', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, POLICY))).toEqual([
      1 * SECOND,
      2 * SECOND,
      4 * SECOND,
      8 * SECOND,
      16 * SECOND,
    ]);
    expect(backoffMs(0, POLICY)).toBe(0);
    expect(backoffMs(10, POLICY)).toBe(512 * SECOND);
    expect(backoffMs(11, POLICY)).toBe(15 * MINUTE);
    expect(backoffMs(10_000, POLICY)).toBe(15 * MINUTE);
  });

  it('makes a failing client wait its back-off after its last failure, then lets it try', () => {
    const failedThrice = (lastAt: number) => history({ pair: { failures: 3, lastAt } });
    expect(throttleWaitMs(failedThrice(NOW), POLICY)).toBe(4 * SECOND);
    expect(throttleWaitMs(failedThrice(NOW - 3 * SECOND), POLICY)).toBe(1 * SECOND);
    expect(throttleWaitMs(failedThrice(NOW - 4 * SECOND), POLICY)).toBe(0);
  });

  it('never refuses a client with no failures, whatever other clients did to the account or overall', () => {
    fc.assert(
      fc.property(anyHistory, (h) => {
        const fresh = { ...h, pair: { failures: 0 }, client: { failures: 0 } };
        expect(throttleWaitMs(fresh, POLICY)).toBe(0);
      }),
    );
  });

  it('never makes anyone wait longer than the longest window or back-off', () => {
    const longest = Math.max(POLICY.maxDelayMs, POLICY.clientWindowMs, GLOBAL_WINDOW_MS);
    fc.assert(
      fc.property(anyHistory, (h) => {
        const wait = throttleWaitMs(h, POLICY);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(longest);
      }),
    );
  });

  it('makes one more failure of a client never shorten its wait', () => {
    fc.assert(
      fc.property(anyHistory, (h) => {
        const more = { ...h, pair: { ...h.pair, failures: h.pair.failures + 1 } };
        expect(throttleWaitMs(more, POLICY)).toBeGreaterThanOrEqual(throttleWaitMs(h, POLICY));
      }),
    );
  });

  it('slows clients that failed on an account many clients are guessing, beyond its limit', () => {
    const guessed = (failures: number) =>
      history({
        pair: { failures: 1, lastAt: NOW - 10 * SECOND },
        account: { failures, lastAt: NOW },
      });
    // Within the limit only the client's own back-off (1 s, long past) counts.
    expect(throttleWaitMs(guessed(POLICY.accountFailureLimit - 1), POLICY)).toBe(0);
    expect(throttleWaitMs(guessed(POLICY.accountFailureLimit), POLICY)).toBe(1 * SECOND);
    expect(throttleWaitMs(guessed(POLICY.accountFailureLimit + 5), POLICY)).toBe(32 * SECOND);
  });

  it('stops a client spraying passwords over many accounts until its oldest failure leaves the window', () => {
    const spraying = history({
      client: { failures: POLICY.clientFailureLimit, oldestAt: NOW - 5 * MINUTE },
    });
    expect(throttleWaitMs(spraying, POLICY)).toBe(POLICY.clientWindowMs - 5 * MINUTE);
    const below = history({
      client: { failures: POLICY.clientFailureLimit - 1, oldestAt: NOW - 5 * MINUTE },
    });
    expect(throttleWaitMs(below, POLICY)).toBe(0);
  });

  it('past the global limit, makes clients with any recent failure wait a minute, and no one else', () => {
    const busy = { failures: POLICY.globalFailuresPerMinute };
    const withFailure = history({ global: busy, client: { failures: 1, oldestAt: NOW - MINUTE } });
    expect(throttleWaitMs(withFailure, POLICY)).toBe(GLOBAL_WINDOW_MS);
    expect(throttleWaitMs(history({ global: busy }), POLICY)).toBe(0);
  });

  it('says Retry-After in whole seconds, at least 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
  });

  it('throttles an account by its name as sign-in reads it', () => {
    expect(accountKey('Admin')).toBe(accountKey('admin'));
    expect(accountKey('x'.repeat(1000))).toHaveLength(256);
  });
});
