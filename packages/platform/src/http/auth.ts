import type { RequestHandler } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { AuthUserSchema, type AuthUser, type Role } from '@denpyo/schemas';
import { forbidden, unauthorized } from './errors';

const ISSUER = 'denpyo-portal';
const AUDIENCE = 'denpyo';

/** Everyone who works for the city; vendors are outsiders who see only their own records. */
export const STAFF_ROLES: readonly Role[] = [
  'procurement',
  'approver',
  'accountant',
  'auditor',
  'admin',
];

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

export function currentUser(req: { user?: AuthUser }): AuthUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

export function hasRole(user: AuthUser, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

/** Allows the request when the caller has any of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const user = req.user;
    if (!user) return next(unauthorized());
    if (!hasRole(user, roles))
      return next(forbidden(`Requires one of the roles: ${roles.join(', ')}`));
    next();
  };
}

/**
 * For records a vendor may read: staff see all; a vendor only those of its own vendor id
 * (403, not 404, so the rule is visible but nothing else about the record leaks).
 */
export function assertCanSee(user: AuthUser, ownerVendorId: string): void {
  if (hasRole(user, STAFF_ROLES)) return;
  if (user.roles.includes('vendor') && user.vendorId === ownerVendorId) return;
  throw forbidden('This record belongs to another vendor');
}
