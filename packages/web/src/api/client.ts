// The one way the app talks to the API: same-origin fetch with the session cookie, the CSRF
// header on writes, problems parsed into ApiError, the session kept fresh (its access token lives
// 15 minutes: renewed before it expires, and once on a 401 before giving up), and a 401 that a
// renewal cannot cure handed to the app (which sends the user to /login?next=<where they were>).
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from './cookies';
import { parseListPage, type ListPage } from './list';
import { ApiError, parseProblem, toApiError } from './problem';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  query?: Query | undefined;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as application/xml, byte for byte (an e-invoice file); instead of `body`. */
  xml?: Blob;
  /** Makes a retried POST safe: the API answers a repeated key with the first answer. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /** A 401 is the answer itself (the session probe, the sign-in form), not an expiry. */
  expectUnauthorized?: boolean;
}

interface ApiEnvironment {
  fetch: typeof fetch;
  cookies: () => string;
  onUnauthorized: () => void;
  /** Runs the session's renewal alone across the browser's tabs (Web Locks), if it can. */
  exclusively: <T>(work: () => Promise<T>) => Promise<T>;
  /** When any tab last renewed the session (ms), shared between tabs. */
  lastRenewal: { get(): number; set(at: number): void };
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

const RENEWAL_LOCK = 'denpyo-session-renewal';
const RENEWAL_KEY = 'denpyo.session.renewedAt';

const environment: ApiEnvironment = {
  fetch: (...args) => globalThis.fetch(...args),
  cookies: () => (typeof document === 'undefined' ? '' : document.cookie),
  onUnauthorized: () => {},
  exclusively: (work) => {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks
      ? (locks.request(RENEWAL_LOCK, work) as Promise<Awaited<ReturnType<typeof work>>>)
      : work();
  },
  // Storage may be refused (a private window): then each tab only knows its own renewals.
  lastRenewal: {
    get: () => {
      try {
        return Number(globalThis.localStorage?.getItem(RENEWAL_KEY) ?? 0);
      } catch {
        return 0;
      }
    },
    set: (at) => {
      try {
        globalThis.localStorage?.setItem(RENEWAL_KEY, String(at));
      } catch {
        // nothing shared; this tab's own requests still share one renewal
      }
    },
  },
  setTimer: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimer: (timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** Replaces parts of the environment: the app sets onUnauthorized; tests set fetch and cookies. */
export function configureApi(overrides: Partial<ApiEnvironment>): void {
  Object.assign(environment, overrides);
}

/** `path?query`, leaving out empty values; arrays are not used by the API's query strings. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}${path.includes('?') ? '&' : '?'}${search}` : path;
}

/** The request's headers: JSON, and for a write the CSRF token and any Idempotency-Key. */
export function requestHeaders(options: RequestOptions, cookieString: string): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (options.xml !== undefined) headers.set('Content-Type', 'application/xml');
  if ((options.method ?? 'GET') !== 'GET') {
    const token = readCookie(cookieString, CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
    if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  }
  return headers;
}

/** Sends the request; resolves with an OK response, rejects with an ApiError otherwise. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method =
    options.method ?? (options.body === undefined && options.xml === undefined ? 'GET' : 'POST');
  const send = async () => {
    try {
      return await environment.fetch(buildUrl(path, options.query), {
        method,
        credentials: 'same-origin',
        headers: requestHeaders({ ...options, method }, environment.cookies()),
        body:
          options.xml ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw toApiError(error);
    }
  };
  const sentAt = Date.now();
  let response = await send();
  // An expired access token: renew the session once and try again (the same Idempotency-Key,
  // so a write that did happen is not done twice).
  if (response.status === 401 && renewsOn401(method, path) && (await renewSession(sentAt))) {
    response = await send();
  }
  if (response.ok) return response;
  const problem = parseProblem(response.status, response.statusText, await response.text());
  if (response.status === 401 && !options.expectUnauthorized) environment.onUnauthorized();
  throw problem;
}

export async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const response = await request(path, { query, signal });
  return (await response.json()) as T;
}

export async function postJson<T>(
  path: string,
  body?: unknown,
  options: Omit<RequestOptions, 'method' | 'body'> = {},
): Promise<T> {
  const response = await request(path, { ...options, method: 'POST', body });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Posts an XML document (its bytes unchanged) and reads the JSON answer. */
export async function postXml<T>(
  path: string,
  xml: Blob,
  options: Omit<RequestOptions, 'method' | 'body' | 'xml'> = {},
): Promise<T> {
  const response = await request(path, { ...options, method: 'POST', xml });
  return (await response.json()) as T;
}

/**
 * Whether a 401 from this call may be cured by renewing the session: not for the calls that
 * sign in, renew or sign out themselves.
 */
function renewsOn401(method: string, path: string): boolean {
  if (path === '/api/auth/session') return method === 'GET';
  return !['/api/auth/refresh', '/api/auth/login', '/api/auth/logout'].includes(path);
}

let renewal: Promise<boolean> | undefined;
let renewalTimer: unknown;
/** Renew this long before the access token expires. */
const RENEW_AHEAD_MS = 60_000;

/**
 * Renews the session with its refresh token (the HttpOnly cookie): true when the browser now
 * holds a fresh access token. A refresh token works once and a second use ends the session, so
 * the requests of this tab share one renewal, and tabs take turns (a Web Lock); a tab that finds
 * another renewed the session since `since` uses the cookies it got instead of renewing again.
 */
export function renewSession(since = Date.now()): Promise<boolean> {
  renewal ??= environment
    .exclusively(async () => {
      if (environment.lastRenewal.get() > since) return true;
      return renewNow();
    })
    .finally(() => {
      renewal = undefined;
    });
  return renewal;
}

async function renewNow(): Promise<boolean> {
  let response: Response;
  try {
    response = await environment.fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: requestHeaders({ method: 'POST' }, environment.cookies()),
    });
  } catch {
    return false;
  }
  if (!response.ok) {
    stopSessionRenewal();
    return false;
  }
  environment.lastRenewal.set(Date.now());
  const body = (await response.json().catch(() => ({}))) as { expiresIn?: unknown };
  scheduleRenewal(typeof body.expiresIn === 'number' ? body.expiresIn : undefined);
  return true;
}

/**
 * Keeps a signed-in session's access token fresh while the app is open, so links the browser
 * follows by itself (a voucher PDF in a new tab) find a valid cookie too. `expiresIn` is the
 * access token's lifetime when known (sign-in, renewal); unknown (the app just loaded), the
 * session is renewed now.
 */
export function keepSessionFresh(expiresIn?: number): void {
  if (expiresIn === undefined) {
    if (renewalTimer === undefined) void renewSession();
    return;
  }
  scheduleRenewal(expiresIn);
}

function scheduleRenewal(expiresIn: number | undefined): void {
  stopSessionRenewal();
  if (expiresIn === undefined) return;
  const delay = Math.max(10_000, expiresIn * 1000 - RENEW_AHEAD_MS);
  renewalTimer = environment.setTimer(() => {
    renewalTimer = undefined;
    void renewSession();
  }, delay);
}

/** Signed out: no more renewals. */
export function stopSessionRenewal(): void {
  if (renewalTimer !== undefined) environment.clearTimer(renewalTimer);
  renewalTimer = undefined;
}

/** Paging and ordering that every list operation accepts besides its own filters. */
export interface ListParams {
  page?: number | undefined;
  pageSize?: number | undefined;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/** One page of a list operation, with the totals from its headers. */
export async function getList<T>(
  path: string,
  query: Query & ListParams = {},
  signal?: AbortSignal,
): Promise<ListPage<T>> {
  const response = await request(path, { query, signal });
  const items = (await response.json()) as T[];
  return parseListPage(items, response.headers, { page: query.page, pageSize: query.pageSize });
}

/**
 * The CSV of every match of a list (the API's format=csv: UTF-8 with BOM, Japanese headers),
 * as a link target. Paging is left out on purpose: the file holds all matches.
 */
export function csvUrl(path: string, query: Query = {}): string {
  const filters = Object.fromEntries(
    Object.entries(query).filter(([key]) => key !== 'page' && key !== 'pageSize'),
  );
  return buildUrl(path, { ...filters, format: 'csv' });
}

/** A fresh Idempotency-Key (one per attempt at a form, reused for its retries). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

export { ApiError };
