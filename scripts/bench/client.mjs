// The bench's HTTP client and statistics: plain fetch against the portal, as a browser would.

export const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export class HttpError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} → ${status} ${body}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(base, token, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new HttpError(method, path, response.status, text);
  return text ? JSON.parse(text) : undefined;
}

export async function until(check, timeoutMs = 60_000, what = 'a condition') {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs task(0 … count-1, worker) with `concurrency` workers, each one task in flight. */
export async function pool(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async (_, worker) => {
      while (next < count) await task(next++, worker);
    }),
  );
}

/** Runs `task` with `concurrency` in flight and times each call: throughput and latency. */
export async function timedLoad(count, concurrency, task) {
  const latencies = [];
  const start = performance.now();
  await pool(count, concurrency, async (n, worker) => {
    const t0 = performance.now();
    await task(n, worker);
    latencies.push(performance.now() - t0);
  });
  const seconds = (performance.now() - start) / 1000;
  return {
    count,
    concurrency,
    perSecond: count / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

export async function login(base, username) {
  return (await api(base, undefined, 'POST', '/api/auth/login', { username, password: 'demo' }))
    .token;
}
