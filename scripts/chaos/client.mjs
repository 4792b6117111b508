// The fault harness's API client: what a correct client does while parts of the system are down.
// Every POST carries an Idempotency-Key and is sent again with the same key (and the same body)
// on a connection error, a timeout, 500/502/503/504, 429, or the 409 that says the earlier
// request with that key is still running; an expired token is renewed. Each request is bounded
// by a deadline, after which its outcome is "gave up" (reported, never silently dropped).

/** Answers that mean "not now, try again" (API.md: Errors and retries). */
const RETRY_STATUSES = new Set([500, 502, 503, 504, 429]);
/** The idempotency middleware's 409s for a key whose first request has not finished. */
const KEY_BUSY = /still in progress|being retried/;
/** Its 409 for a key whose request committed but whose answer was lost with a killed process. */
const KEY_COMMITTED = /response was lost/;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ChaosClient {
  /**
   * @param {string} base the portal's URL
   * @param {{ concurrency?: number, requestTimeoutMs?: number, deadlineMs?: number, password?: string, epoch?: number }} options
   */
  constructor(base, options = {}) {
    this.base = base;
    // Requests on the wire at once. A request waiting to be retried holds no slot, so requests
    // stuck behind a killed process's idempotency lease do not stall everyone else.
    this.slots = options.concurrency ?? 16;
    this.waiting = [];
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.deadlineMs = options.deadlineMs ?? 240_000;
    this.password = options.password ?? 'demo';
    this.tokens = new Map();
    this.stats = {
      requests: 0,
      attempts: 0,
      retries: 0,
      retriesBy: {},
      logins: 0,
      outcomes: {},
      gaveUp: 0,
      lostResponses: 0,
      replayed: 0,
      // What the server said when it answered 500 (retried, but each is worth a look).
      serverErrors: [],
      // When each reason for a retry was first and last seen (seconds since `epoch`), to set
      // against the faults' times.
      retryWindows: {},
    };
    this.epoch = options.epoch ?? Date.now();
  }

  #count(bucket, name) {
    this.stats[bucket][name] = (this.stats[bucket][name] ?? 0) + 1;
  }

  async #acquire() {
    if (this.slots > 0) this.slots -= 1;
    else await new Promise((resolve) => this.waiting.push(resolve));
  }

  #release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.slots += 1;
  }

  /** One HTTP exchange: {status, body, headers} or a thrown error for a connection failure. */
  async #send(method, path, options) {
    await this.#acquire();
    try {
      return await this.#exchange(method, path, options);
    } finally {
      this.#release();
    }
  }

  async #exchange(method, path, { token, key, body }) {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.requestTimeoutMs),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Retries `attempt` through the outage reasons above, until it answers or the deadline. */
  async #withRetries(label, attempt) {
    const deadline = Date.now() + this.deadlineMs;
    let backoff = 100;
    for (let tries = 0; ; tries++) {
      if (tries > 0) {
        this.stats.retries += 1;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 2000);
      }
      this.stats.attempts += 1;
      let reason;
      try {
        const answer = await attempt();
        if (answer.status === 409 && KEY_BUSY.test(answer.body?.detail ?? '')) {
          reason = '409 key in progress';
        } else if (RETRY_STATUSES.has(answer.status)) {
          reason = String(answer.status);
          if (answer.status === 500 && this.stats.serverErrors.length < 20)
            this.stats.serverErrors.push({ label, detail: answer.body?.detail ?? answer.body });
        } else if (answer.status === 401 && answer.renewable) {
          reason = '401 token renewed';
        } else {
          if (answer.headers?.get('idempotent-replayed') === 'true') this.stats.replayed += 1;
          this.#count('outcomes', `${label} ${answer.status}`);
          return answer;
        }
      } catch (error) {
        reason = error.name === 'TimeoutError' ? 'timeout' : 'connection error';
      }
      this.#count('retriesBy', reason);
      const now = Math.round((Date.now() - this.epoch) / 100) / 10;
      const window = (this.stats.retryWindows[reason] ??= { firstS: now, lastS: now });
      window.lastS = now;
      if (Date.now() > deadline) {
        this.stats.gaveUp += 1;
        this.#count('outcomes', `${label} gave up (${reason})`);
        return { status: 0, gaveUp: true, reason };
      }
    }
  }

  /** The user's token: one sign-in shared by every request, renewed when it is refused. */
  token(username, { refused } = {}) {
    const cached = this.tokens.get(username);
    // Renewed once for all the requests whose token was refused, not once per request.
    if (cached && (refused === undefined || cached.token !== refused)) return cached.promise;
    const signIn = this.#withRetries('login', () =>
      this.#send('POST', '/api/auth/login', {
        body: { username, password: this.password },
      }),
    ).then((answer) => {
      if (answer.status !== 200)
        throw new Error(`login ${username} → ${answer.status} ${JSON.stringify(answer.body)}`);
      this.stats.logins += 1;
      entry.token = answer.body.token;
      return answer.body.token;
    });
    const entry = { promise: signIn, token: undefined };
    this.tokens.set(username, entry);
    signIn.catch(() => this.tokens.delete(username));
    return signIn;
  }

  /**
   * A request as `username`. POSTs need `key` (the Idempotency-Key, the same on every retry).
   * Returns {status, body}; `lostResponse` when the key's request committed but its answer was
   * lost (the caller looks the record up, as API.md tells a client to); `gaveUp` at the deadline.
   * @param {string} label the operation's name in the report
   */
  async call(label, username, method, path, { body, key } = {}) {
    if (method === 'POST' && !key) throw new Error(`${label}: a POST needs an Idempotency-Key`);
    this.stats.requests += 1;
    let token = await this.token(username);
    const answer = await this.#withRetries(label, async () => {
      const result = await this.#send(method, path, { token, key, body });
      if (result.status === 401) {
        token = await this.token(username, { refused: token });
        return { ...result, renewable: true };
      }
      return result;
    });
    if (answer.status === 409 && KEY_COMMITTED.test(answer.body?.detail ?? '')) {
      this.stats.lostResponses += 1;
      return { ...answer, lostResponse: true };
    }
    return answer;
  }
}
