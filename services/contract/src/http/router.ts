import { auditRouter, authenticate, idempotency } from '@denpyo/platform';
import type { Express } from 'express';
import { budgetRouter } from './budgets';
import { contractRouter } from './contracts';
import type { HttpDeps } from './deps';
import { vendorRouter } from './vendors';

export function mountContractApi(app: Express, deps: HttpDeps): void {
  app.use(
    '/api',
    authenticate(deps.runtime.env.JWT_SECRET),
    idempotency(deps.runtime.pool),
    vendorRouter(deps),
    budgetRouter(deps),
    contractRouter(deps),
    auditRouter(deps.runtime.pool),
  );
}
