import type { Refused } from '@denpyo/platform/outcome';

export interface ThrottlePolicy {
  /** Failed attempts allowed within `windowMs` before further attempts are refused. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000 };

interface FailureWindow {
  count: number;
  startedAt: number;
}

/**
 * Slows password guessing: after `maxFailures` failed logins for one username from one address
 * within the window, further attempts are refused until the window ends. A successful login
 * clears the count. Kept in memory: enough for one portal process (several portals behind a
 * load balancer would each allow their own quota).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, FailureWindow>();

  constructor(
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `username` may try again from `address`; 0 when it may try now. */
  retryAfterMs(username: string, address: string): number {
    const window = this.currentWindow(keyOf(username, address));
    if (!window || window.count < this.policy.maxFailures) return 0;
    return window.startedAt + this.policy.windowMs - this.now();
  }

  /** A `throttled` refusal saying when to try again, while `username` must wait at `address`. */
  refuseIfThrottled(username: string, address: string): Refused | undefined {
    const waitMs = this.retryAfterMs(username, address);
    if (waitMs <= 0) return undefined;
    return {
      ok: false,
      refusal: {
        code: 'throttled',
        message: 'Too many failed logins; try again later',
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      },
    };
  }

  recordFailure(username: string, address: string): void {
    const key = keyOf(username, address);
    const window = this.currentWindow(key) ?? { count: 0, startedAt: this.now() };
    this.failures.set(key, { ...window, count: window.count + 1 });
    this.forgetExpired();
  }

  recordSuccess(username: string, address: string): void {
    this.failures.delete(keyOf(username, address));
  }

  private currentWindow(key: string): FailureWindow | undefined {
    const window = this.failures.get(key);
    if (window && this.isExpired(window)) {
      this.failures.delete(key);
      return undefined;
    }
    return window;
  }

  private isExpired(window: FailureWindow): boolean {
    return this.now() - window.startedAt >= this.policy.windowMs;
  }

  /** Bounds memory when many usernames are tried once each. */
  private forgetExpired(): void {
    if (this.failures.size < 10_000) return;
    for (const [key, window] of this.failures) {
      if (this.isExpired(window)) this.failures.delete(key);
    }
  }
}

function keyOf(username: string, address: string): string {
  return `${username.toLowerCase()}\u0000${address}`;
}
