import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parseCookie, stringifySetCookie, type SetCookie } from 'cookie';

// The browser's session: the same short-lived access token a bearer client sends, kept in an
// HttpOnly cookie; the refresh token that renews it, in an HttpOnly cookie sent only to
// /api/auth (refresh and sign-out); and a double-submit CSRF token the page's script reads from
// its own cookie and sends back in a header. SameSite=Strict already keeps the cookies off
// cross-site requests; the header check is the second lock, for browsers or proxies that do not
// honour SameSite.

/** The HttpOnly cookie carrying the session's access token (a JWT). */
export const SESSION_COOKIE = 'denpyo_session';
/** The HttpOnly cookie carrying the session's refresh token, sent to REFRESH_COOKIE_PATH only. */
export const REFRESH_COOKIE = 'denpyo_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';
/** The script-readable cookie whose value a cookie-authenticated write repeats in CSRF_HEADER. */
export const CSRF_COOKIE = 'denpyo_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Methods that change nothing, so a cookie alone may authenticate them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Each cookie of the request by name (the `cookie` package's parser). */
export function requestCookies(req: Request): Record<string, string | undefined> {
  return req.headers.cookie ? parseCookie(req.headers.cookie) : {};
}

/** Whether a cookie-authenticated request must carry the CSRF header. */
export function needsCsrfToken(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether the request's CSRF header equals its CSRF cookie, compared in constant time (both are
 * hashed first, so neither their contents nor their lengths leak through timing).
 */
export function csrfTokenMatches(req: Request): boolean {
  const header = req.header(CSRF_HEADER);
  const cookie = requestCookies(req)[CSRF_COOKIE];
  if (!header || !cookie) return false;
  return timingSafeEqual(sha256(header), sha256(cookie));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

const COMMON: Omit<SetCookie, 'name' | 'value'> = { path: '/', secure: true, sameSite: 'strict' };

/** The tokens of a browser session and how long each cookie lives. */
export interface SessionCookieTokens {
  accessToken: string;
  /** The access token's lifetime: the cookie goes when the token expires. */
  accessMaxAgeSeconds: number;
  refreshToken: string;
  /** What is left of the session: the refresh and CSRF cookies live this long. */
  sessionMaxAgeSeconds: number;
}

/**
 * The cookies of a new browser session: the access and refresh tokens (HttpOnly) and a fresh
 * random CSRF token (readable by the page) that stays the same for the whole session.
 */
export function signedInCookies(tokens: SessionCookieTokens): SetCookie[] {
  return [
    ...refreshedCookies(tokens),
    {
      ...COMMON,
      name: CSRF_COOKIE,
      value: randomBytes(32).toString('base64url'),
      maxAge: tokens.sessionMaxAgeSeconds,
    },
  ];
}

/** The cookies of a renewed session: the new access and refresh tokens; the CSRF token stays. */
export function refreshedCookies(tokens: SessionCookieTokens): SetCookie[] {
  return [
    {
      ...COMMON,
      name: SESSION_COOKIE,
      value: tokens.accessToken,
      httpOnly: true,
      maxAge: tokens.accessMaxAgeSeconds,
    },
    {
      ...COMMON,
      path: REFRESH_COOKIE_PATH,
      name: REFRESH_COOKIE,
      value: tokens.refreshToken,
      httpOnly: true,
      maxAge: tokens.sessionMaxAgeSeconds,
    },
  ];
}

/** The session's cookies, emptied and expired at once. */
export function signedOutCookies(): SetCookie[] {
  return [SESSION_COOKIE, REFRESH_COOKIE, CSRF_COOKIE].map((name) => ({
    ...COMMON,
    ...(name === REFRESH_COOKIE ? { path: REFRESH_COOKIE_PATH } : {}),
    name,
    value: '',
    httpOnly: name !== CSRF_COOKIE,
    maxAge: 0,
    expires: new Date(0),
  }));
}

const REPLY_COOKIES = Symbol('reply cookies');

/**
 * A JSON reply that also sets (or clears) cookies: the handler returns
 * `ok(withCookies(body, cookies))`, and the operation's reply writes `Set-Cookie` before the
 * body. The cookies ride on the reply under a symbol, which JSON leaves out, so the body and its
 * type are unchanged.
 */
export function withCookies<T extends object>(reply: T, cookies: readonly SetCookie[]): T {
  return Object.defineProperty(reply, REPLY_COOKIES, { value: cookies, enumerable: false });
}

/** Writes the `Set-Cookie` headers a reply made `withCookies` carries; nothing otherwise. */
export function setReplyCookies(res: Response, reply: unknown): void {
  if (typeof reply !== 'object' || reply === null) return;
  const cookies = (reply as { [REPLY_COOKIES]?: readonly SetCookie[] })[REPLY_COOKIES];
  for (const cookie of cookies ?? []) res.append('Set-Cookie', stringifySetCookie(cookie));
}
