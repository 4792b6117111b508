import type { RequestHandler } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { AuthUserSchema, type AuthUser, type Role } from '@denpyo/schemas';
import { hasRole } from '../application/access';
import { forbidden, unauthorized } from './errors';

const ISSUER = 'denpyo-portal';
const AUDIENCE = 'denpyo';

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Issues the bearer token the portal hands out at login (HS256, shared by the services). */
export async function issueToken(
  user: AuthUser,
  secret: string,
  ttlSeconds = 8 * 3600,
): Promise<string> {
  return new SignJWT({ roles: user.roles, ...(user.vendorId ? { vendorId: user.vendorId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.username)
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
  });
}

/** Requires a valid bearer token and puts the caller on `req.user`. */
export function authenticate(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.header('authorization') ?? '';
    const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(header);
    if (!match?.[1]) return next(unauthorized());
    verifyToken(match[1], secret).then(
      (user) => {
        req.user = user;
        next();
      },
      () => next(unauthorized('The bearer token is invalid or expired')),
    );
  };
}

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
