import { STAFF_ROLES, type AuthUser, type Role } from '@denpyo/schemas';
import { refuse, type Refused } from './outcome';

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
