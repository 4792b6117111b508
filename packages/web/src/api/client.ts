// The one way the app talks to the API: same-origin fetch with the session cookie, the CSRF
// header on writes, problems parsed into ApiError, and a 401 anywhere handed to the app (which
// sends the user to /login?next=<where they were>).
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
}

const environment: ApiEnvironment = {
  fetch: (...args) => globalThis.fetch(...args),
  cookies: () => (typeof document === 'undefined' ? '' : document.cookie),
  onUnauthorized: () => {},
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
  if ((options.method ?? 'GET') !== 'GET') {
    const token = readCookie(cookieString, CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
    if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
  }
  return headers;
}

/** Sends the request; resolves with an OK response, rejects with an ApiError otherwise. */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  let response: Response;
  try {
    response = await environment.fetch(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: requestHeaders({ ...options, method }, environment.cookies()),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw toApiError(error);
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
