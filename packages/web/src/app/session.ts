// The signed-in user. The session itself is the portal's HttpOnly cookie; the app only asks who
// it is (GET /api/auth/session) and keeps the answer in the query cache under ['session'].
import type { AuthUser, Role } from '@denpyo/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/resources';

export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: ({ signal }) => api.session.get(signal),
  staleTime: Infinity,
  retry: false,
});

/** The signed-in user (inside the signed-in part of the app, where one always exists). */
export function useUser(): AuthUser {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useUser outside the signed-in part of the app');
  return data;
}

/** True when the user has any of the roles. */
export function hasAnyRole(user: Pick<AuthUser, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((role) => user.roles.includes(role));
}

export function useHasRole(...roles: Role[]): boolean {
  return hasAnyRole(useUser(), roles);
}

/** Whether the user works for the city (any role but vendor). */
export function isStaff(user: Pick<AuthUser, 'roles'>): boolean {
  return user.roles.some((role) => role !== 'vendor');
}
