import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';
import { text } from '../../app/search';
import { isStaff } from '../../app/session';

/** Home: the work queue and the global search (staff); a vendor's home is /vendor. */
export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    if (!isStaff(context.user)) throw redirect({ to: '/vendor' });
  },
  validateSearch: (raw: Record<string, unknown>): { q?: string } => {
    const q = text(raw.q);
    return q ? { q } : {};
  },
  component: lazyRouteComponent(() => import('./HomePage'), 'HomePage'),
});

export const homeRoutes = [homeRoute];
