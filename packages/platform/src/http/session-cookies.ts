import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { parseCookie, stringifySetCookie, type SetCookie } from 'cookie';

// The browser's session: the same JWT a bearer client sends, kept in an HttpOnly cookie, plus a
// double-submit CSRF token the page's script reads from its own cookie and sends back in a
// header. SameSite=Strict already keeps the cookies off cross-site requests; the header check
// is the second lock, for browsers or proxies that do not honour SameSite.

/** The HttpOnly cookie carrying the session's JWT. */
export const SESSION_COOKIE = 'denpyo_session';
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

/**
 * The cookies of a new browser session: the session token (HttpOnly) and a fresh random CSRF
 * token (readable by the page), both living as long as the token.
 */
export function signedInCookies(token: string, maxAgeSeconds: number): SetCookie[] {
  return [
    { ...COMMON, name: SESSION_COOKIE, value: token, httpOnly: true, maxAge: maxAgeSeconds },
    {
      ...COMMON,
      name: CSRF_COOKIE,
      value: randomBytes(32).toString('base64url'),
      maxAge: maxAgeSeconds,
    },
  ];
}

/** The same two cookies, emptied and expired at once. */
export function signedOutCookies(): SetCookie[] {
  return [SESSION_COOKIE, CSRF_COOKIE].map((name) => ({
    ...COMMON,
    name,
    value: '',
    httpOnly: name === SESSION_COOKIE,
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
