import type { Express } from 'express';
import type { Role } from '@denpyo/schemas';

export interface RegisteredRoute {
  method: string;
  /** In OpenAPI form: `/api/invoices/{id}`. */
  path: string;
  /** The roles its role check admits; undefined for a route without one (public). */
  roles?: readonly Role[];
}

interface Layer {
  route?: {
    path: string;
    methods: Record<string, boolean>;
    stack: { handle: { roles?: readonly Role[] } }[];
  };
}

/**
 * The routes an express app really registered, read off its router, with the roles of each
 * route's role check: what a test compares with the OpenAPI document.
 */
export function registeredRoutes(app: Express): RegisteredRoute[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack.flatMap(({ route }) => {
    if (!route) return [];
    const roles = route.stack.find((layer) => layer.handle.roles)?.handle.roles;
    return Object.keys(route.methods)
      .filter((method) => route.methods[method])
      .map((method) => ({
        method,
        path: route.path.replace(/:(\w+)/g, '{$1}'),
        ...(roles ? { roles } : {}),
      }));
  });
}
