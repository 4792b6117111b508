import {
  configureApi,
  keepSessionFresh,
  postJson,
  renewSession,
  request,
  stopSessionRenewal,
} from './client';

// The session's access token lives 15 minutes; these prove the client renews it (once, for every
// request that needs it) instead of sending the user back to the sign-in page.
describe('session renewal', () => {
  let calls: { url: string; method: string; csrf: string | null; body: unknown }[];
  let expired: Set<string>;
  let refreshAnswer: () => Response;
  let unauthorized: number;
  let renewedAt: number;
  let timers: { run: () => void; ms: number }[];

  const problem = (status: number) =>
    new Response(JSON.stringify({ title: 'x', status }), {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    });

  beforeEach(() => {
    calls = [];
    expired = new Set(['token-1']);
    let token = 'token-1';
    unauthorized = 0;
    renewedAt = 0;
    timers = [];
    refreshAnswer = () => {
      token = `token-${calls.length}`;
      return new Response(JSON.stringify({ user: {}, expiresIn: 900, sessionExpiresIn: 3600 }));
    };
    configureApi({
      fetch: async (url, init = {}) => {
        const headers = new Headers(init.headers);
        calls.push({
          url: String(url),
          method: init.method ?? 'GET',
          csrf: headers.get('X-CSRF-Token'),
          body: init.body,
        });
        // Let concurrent requests overlap, as a browser's do.
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (String(url) === '/api/auth/refresh') return refreshAnswer();
        if (String(url) === '/api/auth/session' && init.method === 'POST') return problem(401);
        return expired.has(token) ? problem(401) : new Response('{"ok":true}');
      },
      cookies: () => 'denpyo_csrf=csrf-1',
      onUnauthorized: () => {
        unauthorized++;
      },
      exclusively: (work) => work(),
      lastRenewal: { get: () => renewedAt, set: (at) => (renewedAt = at) },
      setTimer: (run, ms) => {
        const timer = { run, ms };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => {
        timers = timers.filter((t) => t !== timer);
      },
    });
  });
  afterEach(() => stopSessionRenewal());

  const urls = () => calls.map((call) => `${call.method} ${call.url}`);

  it('renews the session once on a 401 and repeats the request, the same body and key', async () => {
    const reply = await postJson('/api/vendors', { name: 'x' }, { idempotencyKey: 'k-1' });
    expect(reply).toEqual({ ok: true });
    expect(urls()).toEqual(['POST /api/vendors', 'POST /api/auth/refresh', 'POST /api/vendors']);
    expect(calls[1]!.csrf).toBe('csrf-1'); // the renewal is a cookie POST: CSRF header
    expect(calls[2]!.body).toBe('{"name":"x"}');
    expect(unauthorized).toBe(0);
    // The next renewal is due a minute before the new token expires.
    expect(timers.map((t) => t.ms)).toEqual([840_000]);
  });

  it('shares one renewal among the requests that met the 401 together (a refresh token works once)', async () => {
    const replies = await Promise.all([
      request('/api/contracts'),
      request('/api/invoices'),
      request('/api/payments'),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(urls().filter((url) => url === 'POST /api/auth/refresh')).toHaveLength(1);
  });

  it('does not renew again when another tab did since the request left', async () => {
    configureApi({
      exclusively: async (work) => {
        renewedAt = Date.now() + 1; // the other tab held the lock and renewed
        expired.clear();
        return work();
      },
    });
    const reply = await request('/api/contracts');
    expect(reply.status).toBe(200);
    expect(urls()).toEqual(['GET /api/contracts', 'GET /api/contracts']);
  });

  it('gives up when the session has ended: the app is told once, nothing is repeated', async () => {
    refreshAnswer = () => problem(401);
    await expect(request('/api/contracts')).rejects.toMatchObject({ status: 401 });
    expect(urls()).toEqual(['GET /api/contracts', 'POST /api/auth/refresh']);
    expect(unauthorized).toBe(1);
  });

  it('never renews for the calls that sign in, renew or sign out', async () => {
    await expect(
      request('/api/auth/session', { method: 'POST', body: {}, expectUnauthorized: true }),
    ).rejects.toMatchObject({ status: 401 });
    expect(urls()).toEqual(['POST /api/auth/session']);
  });

  it('keeps a session fresh while the app is open: now when the expiry is unknown, else before it', async () => {
    expired.clear();
    keepSessionFresh(600);
    expect(timers.map((t) => t.ms)).toEqual([540_000]);
    expect(urls()).toEqual([]);
    timers[0]!.run();
    await renewSession(0);
    expect(urls()).toEqual(['POST /api/auth/refresh']);
    stopSessionRenewal();
    keepSessionFresh();
    await renewSession(0);
    expect(urls()).toEqual(['POST /api/auth/refresh', 'POST /api/auth/refresh']);
  });
});
