import { registeredRoutes, type RegisteredRoute } from '@denpyo/platform/testing';
import { buildOpenApiDocument } from '@denpyo/schemas';
import { startSystem, type RunningSystem } from './support/system';

// The routes each process really registered, read off its express router, against the OpenAPI
// document clients are generated from: the same operations, with the same roles, both ways.
let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system.stop());

type Documented = { method: string; path: string; roles?: string[]; operationId: string };

const document = JSON.parse(JSON.stringify(buildOpenApiDocument())) as {
  paths: Record<string, Record<string, { operationId: string; 'x-roles'?: string[] }>>;
};
const documented: Documented[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method,
    path,
    operationId: operation.operationId,
    ...(operation['x-roles'] ? { roles: operation['x-roles'] } : {}),
  })),
);
// Served by every process; each of the others is served by exactly one.
const SERVED_BY_EVERY = ['getHealth', 'getReadiness', 'getMetrics'];

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const withRoles = (route: RegisteredRoute | Documented) =>
  `${key(route)} [${route.roles ? [...route.roles].sort().join(',') : 'public'}]`;

describe('registered routes and the OpenAPI document', () => {
  const processes = () => ({
    portal: system.portal,
    contract: system.services[0]!,
    invoice: system.services[1]!,
    payment: system.services[2]!,
  });

  it('every registered route is documented, with the roles its role check admits', () => {
    for (const [name, process] of Object.entries(processes())) {
      const routes = registeredRoutes(process.app);
      expect(routes.length).toBeGreaterThan(SERVED_BY_EVERY.length);
      const undocumented = routes
        .map(withRoles)
        .filter((route) => !documented.map(withRoles).includes(route));
      expect([name, undocumented]).toEqual([name, []]);
    }
  });

  it('every documented operation is registered by exactly one process (or by every one)', () => {
    const routesByProcess = Object.values(processes()).map((process) =>
      registeredRoutes(process.app).map(withRoles),
    );
    for (const operation of documented) {
      const servedBy = routesByProcess.filter((routes) => routes.includes(withRoles(operation)));
      const expected = SERVED_BY_EVERY.includes(operation.operationId) ? 4 : 1;
      expect([operation.operationId, servedBy.length]).toEqual([operation.operationId, expected]);
    }
  });
});
