import {
  buildUrl,
  configureApi,
  csvUrl,
  getList,
  postJson,
  request,
  requestHeaders,
} from './client';
import { readCookie } from './cookies';
import { parseListPage } from './list';
import { ApiError, parseProblem, toApiError } from './problem';

describe('problem+json', () => {
  it('reads a problem with its field errors', () => {
    const problem = parseProblem(
      400,
      'Bad Request',
      JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'invalid body',
        errors: [{ path: 'bankAccount.bankCode', message: 'must be 4 digits' }, { bad: 1 }],
      }),
    );
    expect(problem).toBeInstanceOf(ApiError);
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('invalid body');
    expect(problem.errors).toEqual([{ path: 'bankAccount.bankCode', message: 'must be 4 digits' }]);
    expect(problem.fieldError('bankAccount.bankCode')).toBe('must be 4 digits');
  });

  it('survives a body that is not a problem', () => {
    expect(parseProblem(502, 'Bad Gateway', '<html>proxy</html>')).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      errors: [],
    });
    expect(parseProblem(500, '', '')).toMatchObject({ status: 500, title: 'HTTP 500' });
    expect(parseProblem(404, 'Not Found', '[1,2]').title).toBe('Not Found');
  });

  it('recognises the CSRF refusal', () => {
    const csrf = parseProblem(
      403,
      'Forbidden',
      JSON.stringify({ title: 'Forbidden', status: 403, detail: 'CSRF token missing or wrong' }),
    );
    expect(csrf.isCsrf).toBe(true);
    expect(parseProblem(403, 'Forbidden', '{"title":"Forbidden","status":403}').isCsrf).toBe(false);
  });

  it('turns a network failure into status 0', () => {
    expect(toApiError(new TypeError('Failed to fetch'))).toMatchObject({ status: 0 });
  });
});

describe('CSRF cookie and headers', () => {
  it('reads one cookie among several', () => {
    const cookies = 'a=1; denpyo_csrf=abc%2Fdef; denpyo_csrfx=no';
    expect(readCookie(cookies, 'denpyo_csrf')).toBe('abc/def');
    expect(readCookie(cookies, 'missing')).toBeUndefined();
    expect(readCookie('', 'denpyo_csrf')).toBeUndefined();
  });

  it('sends the token and the Idempotency-Key on writes only', () => {
    const post = requestHeaders(
      { method: 'POST', body: {}, idempotencyKey: 'k-1' },
      'denpyo_csrf=tok',
    );
    expect(post.get('X-CSRF-Token')).toBe('tok');
    expect(post.get('Idempotency-Key')).toBe('k-1');
    expect(post.get('Content-Type')).toBe('application/json');
    const get = requestHeaders({ method: 'GET' }, 'denpyo_csrf=tok');
    expect(get.get('X-CSRF-Token')).toBeNull();
    expect(get.get('Idempotency-Key')).toBeNull();
  });
});

describe('requests', () => {
  const calls: { url: string; init: RequestInit }[] = [];
  let answer: () => Response;
  let unauthorized = 0;

  beforeEach(() => {
    calls.length = 0;
    unauthorized = 0;
    configureApi({
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return answer();
      },
      cookies: () => 'denpyo_csrf=the-token',
      onUnauthorized: () => {
        unauthorized++;
      },
    });
  });

  it('posts JSON with the cookie credentials and the CSRF header', async () => {
    answer = () => new Response('{"id":"1"}', { status: 201 });
    await expect(postJson('/api/vendors', { name: 'x' })).resolves.toEqual({ id: '1' });
    const { url, init } = calls[0]!;
    expect(url).toBe('/api/vendors');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('X-CSRF-Token')).toBe('the-token');
    expect(init.body).toBe('{"name":"x"}');
  });

  it('rejects with the problem and reports a 401 as an expired session', async () => {
    answer = () =>
      new Response('{"title":"Unauthorized","status":401}', {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    await expect(request('/api/contracts')).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toBe(1);
    await expect(request('/api/auth/session', { expectUnauthorized: true })).rejects.toMatchObject({
      status: 401,
    });
    expect(unauthorized).toBe(1);
  });

  it('reads a page and its totals from the headers', async () => {
    answer = () =>
      new Response('[{"id":"a"},{"id":"b"}]', {
        headers: { 'X-Total-Count': '42', 'X-Page': '3', 'X-Page-Size': '2' },
      });
    const page = await getList('/api/contracts', { status: 'draft', page: 3, pageSize: 2 });
    expect(calls[0]!.url).toBe('/api/contracts?status=draft&page=3&pageSize=2');
    expect(page).toEqual({
      items: [{ id: 'a' }, { id: 'b' }],
      total: 42,
      page: 3,
      pageSize: 2,
    });
  });

  it('builds URLs without empty values, and CSV links without paging', () => {
    expect(buildUrl('/api/x', { a: 'b c', empty: '', none: undefined, n: 0 })).toBe(
      '/api/x?a=b+c&n=0',
    );
    expect(
      csvUrl('/api/contracts', { status: 'draft', page: 2, pageSize: 50, sort: 'amount' }),
    ).toBe('/api/contracts?status=draft&sort=amount&format=csv');
  });
});

describe('list pages', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('falls back to the page itself when the API sends no paging headers', () => {
    expect(parseListPage([1, 2, 3], headers({}))).toEqual({
      items: [1, 2, 3],
      total: 3,
      page: 1,
      pageSize: 3,
    });
  });
});
