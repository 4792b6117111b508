import type { RequestHandler } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { AuthUserSchema, type AuthUser, type Role } from '@denpyo/schemas';
import { hasRole } from '../application/access';
import { forbidden, unauthorized } from './errors';
import {
  csrfTokenMatches,
  needsCsrfToken,
  requestCookies,
  SESSION_COOKIE,
} from './session-cookies';

const ISSUER = 'denpyo-portal';
const AUDIENCE = 'denpyo';

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** How long a token from sign-in (bearer or session cookie) stays valid: a working day. */
export const TOKEN_TTL_SECONDS = 8 * 3600;

/** Issues the bearer token the portal hands out at login (HS256, shared by the services). */
export async function issueToken(
  user: AuthUser,
  secret: string,
  ttlSeconds = TOKEN_TTL_SECONDS,
): Promise<string> {
  // The username is the token's subject; every other field of the user is a claim.
  const { username, ...claims } = user;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(username)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyOf(secret));
}

export async function verifyToken(token: string, secret: string): Promise<AuthUser> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  return AuthUserSchema.parse({
    username: payload.sub,
    roles: payload.roles,
    vendorId: payload.vendorId,
    displayName: payload.displayName,
    title: payload.title,
    rank: payload.rank,
  });
}

/**
 * Requires a valid token and puts the caller on `req.user`. The token comes as
 * `Authorization: Bearer <jwt>` or, from a browser, in the `denpyo_session` cookie (the same
 * JWT, verified the same way); a request that sends both is judged by its bearer token alone. A
 * cookie-authenticated request that may change something (anything but GET, HEAD, OPTIONS)
 * must also repeat the `denpyo_csrf` cookie in the `X-CSRF-Token` header, else 403.
 */
export function authenticate(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.header('authorization');
    const cookie = header === undefined ? requestCookies(req)[SESSION_COOKIE] : undefined;
    const token = header === undefined ? cookie : BEARER.exec(header)?.[1];
    if (!token) return next(unauthorized('A valid bearer token or session cookie is required'));
    verifyToken(token, secret).then(
      (user) => {
        if (cookie && needsCsrfToken(req.method) && !csrfTokenMatches(req)) {
          return next(forbidden('CSRF token missing or wrong'));
        }
        req.user = user;
        next();
      },
      () =>
        next(
          unauthorized(
            cookie
              ? 'The session is invalid or has expired; sign in again'
              : 'The bearer token is invalid or expired',
          ),
        ),
    );
  };
}

const BEARER = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/;

/** A role check that says which roles it admits, so a test can read them off the routes. */
export type RoleCheck = RequestHandler & { readonly roles: readonly Role[] };

/** Allows the request when the caller has any of `roles`. */
export function requireRole(roles: readonly Role[]): RoleCheck {
  const check: RequestHandler = (req, _res, next) => {
    const user = req.user;
    if (!user) return next(unauthorized());
    if (!hasRole(user, roles))
      return next(forbidden(`Requires one of the roles: ${roles.join(', ')}`));
    next();
  };
  return Object.assign(check, { roles });
}
