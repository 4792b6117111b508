import { ok, refuse, type FieldError, type Outcome } from '@denpyo/platform';
import type { Rank, Role, StaffUserCreateRequest } from '@denpyo/schemas';

/** The roles and rank a new staff user is created with. */
export interface StaffRoles {
  roles: Role[];
  rank?: Rank;
}

/**
 * The rules of a staff user beyond the request's shape: staff only (a vendor login is made by
 * procurement for one vendor), each role once, and a rank exactly for approvers — the delegation
 * rules (専決規程) route approvals by rank, and nobody else signs with one.
 */
export function checkStaffRoles({ roles, rank }: StaffUserCreateRequest): Outcome<StaffRoles> {
  const errors: FieldError[] = [];
  if (roles.includes('vendor')) {
    errors.push({
      path: 'roles',
      message:
        'the vendor role is not for staff: procurement creates vendor logins with POST /api/vendors/{id}/portal-users',
    });
  }
  if (new Set(roles).size !== roles.length) {
    errors.push({ path: 'roles', message: 'each role may be given once' });
  }
  const approver = roles.includes('approver');
  if (approver && rank === undefined) {
    errors.push({ path: 'rank', message: 'an approver needs a rank' });
  }
  if (!approver && rank !== undefined) {
    errors.push({ path: 'rank', message: 'only approvers have a rank' });
  }
  if (errors.length > 0) {
    return refuse('unprocessable', errors.map((error) => error.message).join('; '), errors);
  }
  return ok({ roles, ...(rank ? { rank } : {}) });
}
