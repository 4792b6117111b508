// Administrators (システム管理者): staff users — the list (search, disable) and the new-user form.
import { RoleSchema } from '@denpyo/schemas';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';
import { listSearch, oneOf, text } from '../../app/search';
import type { UserFilters } from './users-api';

export const adminUsersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users',
  staticData: { roles: ['admin'] },
  validateSearch: listSearch<UserFilters>(
    { q: text, role: oneOf(RoleSchema.options), status: oneOf(['active', 'disabled'] as const) },
    { sortable: ['username'] },
  ),
  component: lazyRouteComponent(() => import('./AdminUsers'), 'AdminUsers'),
});

export const adminUserNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/users/new',
  staticData: { roles: ['admin'] },
  component: lazyRouteComponent(() => import('./AdminUserNew'), 'AdminUserNew'),
});

export const adminRoutes: AnyRoute[] = [adminUsersRoute, adminUserNewRoute];
