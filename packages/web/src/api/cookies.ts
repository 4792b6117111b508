// The double-submit CSRF defence: the portal sets `denpyo_csrf` (readable by script) beside the
// HttpOnly session cookie, and every cookie-authenticated POST echoes it in X-CSRF-Token.
export const CSRF_COOKIE = 'denpyo_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** The value of cookie `name` in a `document.cookie` string, or undefined. */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}
