import { STAFF_ROLES, type AuthUser, type Role } from '@denpyo/schemas';
import { ok, refuse, type Outcome, type Refused } from './outcome';

export function hasRole(user: AuthUser, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

/**
 * For records a vendor may read: staff see all; a vendor only those of its own vendor id.
 * Refused as forbidden, not not-found, so the rule is visible but nothing else leaks.
 */
export function refuseIfOtherVendors(user: AuthUser, ownerVendorId: string): Refused | undefined {
  if (hasRole(user, STAFF_ROLES)) return undefined;
  if (user.roles.includes('vendor') && user.vendorId === ownerVendorId) return undefined;
  return refuse('forbidden', 'This record belongs to another vendor');
}

/**
 * The vendor a list is narrowed to: staff get the one they asked for (or every vendor); a vendor
 * user always gets its own, and asking for another vendor's is refused as forbidden.
 */
export function ownVendorScope(
  user: AuthUser,
  requestedVendorId: string | undefined,
): Outcome<string | undefined> {
  if (hasRole(user, STAFF_ROLES)) return ok(requestedVendorId);
  if (!user.roles.includes('vendor') || !user.vendorId) {
    return refuse('forbidden', 'This login is not bound to a vendor');
  }
  if (requestedVendorId !== undefined && requestedVendorId !== user.vendorId) {
    return refuse('forbidden', "Another vendor's records are not yours to list");
  }
  return ok(user.vendorId);
}
