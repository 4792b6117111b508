import { randomBytes } from 'node:crypto';
import type { Refused } from '@denpyo/platform';
import { hashPassword, needsRehash, verifyPassword, type ScryptParams } from '../domain/password';

/** Too many hashes are waiting already: the caller is told to come back shortly. */
export class HashingBusy extends Error {
  constructor() {
    super('Too many password checks are waiting');
  }
}

/** How many tasks of one key (one client) may be in hand at once, and how many more may wait. */
export interface KeyQuota {
  /** Waiting for the shared slots or running. */
  limit: number;
  /** Beyond `limit`, waiting for one of the key's own tasks to end, each at most `maxWaitMs`. */
  maxWaiting: number;
  maxWaitMs: number;
}

/**
 * Lets at most `limit` tasks run at once; up to `maxWaiting` more wait in order, each at most
 * `maxWaitMs`. Beyond that, or after waiting too long, a task is refused with HashingBusy
 * instead of queueing without bound behind a flood. A task with a `key` (the client) also
 * keeps to the key's quota: a few tasks in hand (colleagues behind one NAT sign in at once), a
 * few more waiting briefly for one of them to end, the rest refused — so one client cannot fill
 * the shared queue and make everyone else wait behind it.
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];
  /** The keys with tasks in hand or waiting: one entry each, removed when its last task ends. */
  private readonly keys = new Map<string, { gate: Semaphore; tasks: number }>();

  constructor(
    private readonly limit: number,
    private readonly maxWaiting: number,
    private readonly maxWaitMs: number,
    private readonly perKey: KeyQuota = { limit: 1, maxWaiting: 0, maxWaitMs: 0 },
  ) {}

  async run<T>(task: () => Promise<T>, key?: string): Promise<T> {
    if (key === undefined) return this.runShared(task);
    let entry = this.keys.get(key);
    if (!entry) {
      const { limit, maxWaiting, maxWaitMs } = this.perKey;
      entry = { gate: new Semaphore(limit, maxWaiting, maxWaitMs), tasks: 0 };
      this.keys.set(key, entry);
    }
    entry.tasks += 1;
    try {
      return await entry.gate.run(() => this.runShared(task));
    } finally {
      entry.tasks -= 1;
      if (entry.tasks === 0) this.keys.delete(key);
    }
  }

  private async runShared<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new HashingBusy());
    return new Promise((resolve, reject) => {
      const waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new HashingBusy());
        }, this.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter; `active` stays the same.
    if (next) next.start();
    else this.active -= 1;
  }
}

export interface PasswordHasherOptions {
  params: ScryptParams;
  /** Hashes computed at once (the cores): the rest wait, so a flood cannot starve the process. */
  concurrency: number;
  /**
   * How many may wait, and how long, before a sign-in is answered 429 (Retry-After 1): few, so
   * that under a flood a sign-in waits for a few hashes at most rather than for the flood.
   */
  maxWaiting?: number;
  maxWaitMs?: number;
  /**
   * Hashes one client may have in hand (waiting or running) at once; as many more wait up to
   * a second for one of them to end, then are refused (429). Default PER_CLIENT_HASHES.
   */
  perClient?: number;
}

/** Colleagues behind one office NAT signing in at once in the morning. */
export const PER_CLIENT_HASHES = 4;

/**
 * Every scrypt derivation of the portal goes through this: at the configured cost, at most
 * `concurrency` at once, and counted (tests prove that an unknown user costs one derivation,
 * as a wrong password does).
 */
export interface PasswordHasher {
  readonly params: ScryptParams;
  /** `client`: whose work it is; one client has at most `perClient` hashes in hand. */
  hash(password: string, client?: string): Promise<string>;
  /**
   * Checks `password` against `stored`; with no stored hash (an unknown user) against a dummy
   * hash of the same cost, so both cost one derivation and answer alike.
   */
  verify(password: string, stored: string | undefined, client?: string): Promise<boolean>;
  /** True when `stored` is of another cost and should be replaced after a successful check. */
  needsRehash(stored: string): boolean;
  /** Derivations started so far, and the most that ran at once. */
  readonly stats: { derivations: number; running: number; maxRunning: number };
}

export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const { params, concurrency } = options;
  const perClient = options.perClient ?? PER_CLIENT_HASHES;
  const gate = new Semaphore(
    concurrency,
    options.maxWaiting ?? concurrency * 4,
    options.maxWaitMs ?? 5_000,
    { limit: perClient, maxWaiting: perClient, maxWaitMs: 1_000 },
  );
  const stats = { derivations: 0, running: 0, maxRunning: 0 };
  const counted = <T>(derive: () => Promise<T>, client?: string) =>
    gate.run(async () => {
      stats.derivations += 1;
      stats.running += 1;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      try {
        return await derive();
      } finally {
        stats.running -= 1;
      }
    }, client);
  // Made once at start, outside the count; its password is random so it never matches.
  const dummy = hashPassword(randomBytes(24).toString('base64'), params);
  return {
    params,
    stats,
    hash: (password, client) => counted(() => hashPassword(password, params), client),
    verify: async (password, stored, client) => {
      const against = stored ?? (await dummy);
      const valid = await counted(() => verifyPassword(password, against), client);
      return stored !== undefined && valid;
    },
    needsRehash: (stored) => needsRehash(stored, params),
  };
}

/** The answer when the hashing queue is full: not a failure of the user's, so not counted. */
export function hashingBusyRefusal(): Refused {
  return {
    ok: false,
    refusal: {
      code: 'throttled',
      message: 'Too many sign-ins at once; try again in a moment',
      retryAfterSeconds: 1,
    },
  };
}
