import { join } from 'node:path';
import { defineService, type ServiceRuntime } from '@denpyo/platform';
import { PORTAL_OPERATIONS } from '@denpyo/schemas';
import { createPortalApplication } from './application';
import { portalSettingsSchema, upstreamUrls, type PortalEnv } from './config';
import type { Tx } from './db/prisma';
import { LoginThrottle } from './domain/login-throttle';
import { PrismaClient } from './generated/prisma/client';
import { swaggerUiAssets } from './http/docs';
import { gateway } from './http/gateway';
import { portalRoutes } from './http/routes';
import { builtWebAppDir, webApp } from './http/web-app';
import { contractVendorLookup } from './upstreams/vendor-lookup';
import { upstreamReadiness } from './upstreams/readiness';

/**
 * Login and browser sessions, vendor portal users, the API reference, the gateway to the three
 * services, and the web app. It neither publishes nor consumes events.
 */
export const portalService = defineService({
  name: 'portal',
  defaultPort: 3000,
  migrationsDir: join(__dirname, '..', 'prisma', 'migrations'),
  operations: PORTAL_OPERATIONS,
  usesEvents: false,
  settings: portalSettingsSchema,
  async createApplication(runtime: ServiceRuntime<PortalEnv>) {
    const { db, uow } = runtime.database<Tx, PrismaClient>(PrismaClient);
    const application = createPortalApplication({
      db,
      uow,
      jwtSecret: runtime.env.JWT_SECRET,
      throttle: new LoginThrottle(),
      vendorExists: contractVendorLookup(runtime.env.CONTRACT_URL, runtime.env.JWT_SECRET),
      today: () => runtime.clock.today(),
    });
    if (runtime.env.DEMO_MODE) {
      const seeded = await application.seedDemoUsers();
      if (seeded.ok && seeded.value.created.length + seeded.value.enabled.length > 0) {
        runtime.logger.warn(seeded.value, 'demo mode: demo users sign in with password "demo"');
      }
    } else {
      const disabled = await application.disableDemoUsers();
      if (disabled.ok && disabled.value.length > 0) {
        runtime.logger.warn({ users: disabled.value }, 'demo mode is off: disabled the demo users');
      }
    }
    return application;
  },
  routes: portalRoutes,
  mount(express, runtime) {
    express.use('/api/docs', swaggerUiAssets());
    express.use(
      gateway({
        upstreams: upstreamUrls(runtime.env),
        timeoutMs: runtime.env.PROXY_TIMEOUT_MS,
        logger: runtime.logger,
      }),
    );
    express.use(webApp(runtime.env.WEB_DIST_DIR ?? builtWebAppDir()));
  },
  readiness: (runtime) => upstreamReadiness(upstreamUrls(runtime.env)),
});
