// The signed-in user's own account: the password change, for staff and vendors alike.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { AnyRoute } from '@tanstack/react-router';
import { appRoute } from '../../app/routes-base';

export const accountPasswordRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account/password',
  component: lazyRouteComponent(() => import('./PasswordChange'), 'PasswordChange'),
});

export const accountRoutes: AnyRoute[] = [accountPasswordRoute];
