// The router: the trunk (routes-base.tsx) with each area's routes. An area's routes.ts lists its
// screens with lazily loaded components, so each screen is its own chunk.
import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { accountRoutes } from '../screens/account/routes';
import { accountingRoutes } from '../screens/accounting/routes';
import { adminRoutes } from '../screens/admin/routes';
import { approvalRoutes } from '../screens/approvals/routes';
import { auditRoutes } from '../screens/audit/routes';
import { homeRoutes } from '../screens/home/routes';
import { procurementRoutes } from '../screens/procurement/routes';
import { vendorPortalRoutes } from '../screens/vendor-portal/routes';
import { verifyRoutes } from '../screens/verify/routes';
import { appRoute, loginRoute, rootRoute } from './routes-base';
import { parseSearch, stringifySearch } from './search';

export function createAppRouter(queryClient: QueryClient) {
  const routeTree = rootRoute.addChildren([
    loginRoute,
    appRoute.addChildren([
      ...homeRoutes,
      ...procurementRoutes,
      ...approvalRoutes,
      ...accountingRoutes,
      ...auditRoutes,
      ...adminRoutes,
      ...accountRoutes,
      ...vendorPortalRoutes,
      ...verifyRoutes,
    ]),
  ]);
  return createRouter({
    routeTree,
    context: { queryClient },
    parseSearch,
    stringifySearch,
    defaultPreload: 'intent',
    // Data is cached by TanStack Query; the router need not cache loader results itself.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;
