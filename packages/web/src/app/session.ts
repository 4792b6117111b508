// The signed-in user and the system's date. The session itself is the portal's HttpOnly cookie;
// the app only asks who it is (GET /api/auth/session) and keeps the answer in the query cache
// under ['session']: `{ user, today }`, or null when signed out.
import type { AuthUser, Role, Session, SignedInUser } from '@denpyo/schemas';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { keepSessionFresh, request } from '../api/client';

export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: Infinity,
  retry: false,
});

/** The session, or null when there is none (401). */
async function fetchSession(signal: AbortSignal): Promise<Session | null> {
  try {
    const response = await request('/api/auth/session', { signal, expectUnauthorized: true });
    const session = (await response.json()) as Session;
    // Signed in (the app just loaded): keep the 15-minute access token fresh from now on.
    keepSessionFresh(session.expiresIn);
    return session;
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 401) return null;
    throw error;
  }
}

function useSession(): Session {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error('useSession outside the signed-in part of the app');
  return data;
}

/** The signed-in user (inside the signed-in part of the app, where one always exists). */
export function useUser(): SignedInUser {
  return useSession().user;
}

/**
 * Today's date (YYYY-MM-DD, Japan) as the system's one clock has it — DENPYO_TODAY when pinned —
 * for the screens' default dates and live checks, so they agree with the services' rules.
 */
export function useToday(): string {
  return useSession().today;
}

/** How the app names a user: the display name (with the title), the username when it has none. */
export function userLabel(user: Pick<AuthUser, 'username' | 'displayName' | 'title'>): string {
  if (!user.displayName) return user.username;
  return user.title ? `${user.displayName}（${user.title}）` : user.displayName;
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

/** Where a user's work starts: the home page for staff, the vendor portal for a vendor. */
export function homePath(user: Pick<AuthUser, 'roles'>): '/' | '/vendor' {
  return isStaff(user) ? '/' : '/vendor';
}

/** The one screen a user who must change their password may open (routes-base.tsx). */
export const PASSWORD_CHANGE_PATH = '/account/password';
