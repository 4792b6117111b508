// The route tree's trunk: the root, the sign-in page and the signed-in layout ('app') every
// screen hangs under. Screens live in src/screens/<area>/routes.ts (lazily loaded components);
// router.tsx gathers them. Kept apart from router.tsx so area files can import `appRoute`.
import type { Role } from '@denpyo/schemas';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { ErrorPage, NotFoundPage, StandaloneNotFoundPage } from './ErrorPages';
import { LoginPage } from './LoginPage';
import { safeNext } from './search';
import { PASSWORD_CHANGE_PATH, sessionQuery } from './session';
import { Shell } from './Shell';

export interface RouterContext {
  queryClient: QueryClient;
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** Who may open the screen; others see 「権限がありません」. Absent: every signed-in user. */
    roles?: readonly Role[];
  }
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: StandaloneNotFoundPage,
  errorComponent: ErrorPage,
});

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (raw: Record<string, unknown>): { next?: string; expired?: '1' } => {
    const next = safeNext(raw.next);
    return { ...(next ? { next } : {}), ...(raw.expired === '1' ? { expired: '1' } : {}) };
  },
  component: LoginPage,
});

/** Everything behind sign-in: asks the portal who the session is; none → /login?next=…. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      throw redirect({ to: '/login', search: { next: location.href } });
    }
    // Until a password someone else chose is changed, the portal refuses everything else (403):
    // the app shows the change screen instead.
    if (session.user.mustChangePassword && location.pathname !== PASSWORD_CHANGE_PATH) {
      throw redirect({ to: PASSWORD_CHANGE_PATH });
    }
    return { user: session.user };
  },
  component: Shell,
  notFoundComponent: NotFoundPage,
});
