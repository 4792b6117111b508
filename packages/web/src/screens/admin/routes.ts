// Administrators (システム管理者): the users page. The API has no staff-user endpoints yet (they
// arrive with the v2 API), so it shows the signed-in account and what each role may do.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';

export const adminUsersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  staticData: { roles: ['admin'] },
  component: lazyRouteComponent(() => import('./AdminUsers'), 'AdminUsers'),
});

export const adminRoutes: AnyRoute[] = [adminUsersRoute];
