import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import {
  auditRouter,
  authenticate,
  closeServer,
  createApp,
  createLogger,
  createPool,
  listen,
  migrate,
  PLATFORM_MIGRATIONS,
  PRISMA_TRANSACTION_OPTIONS,
  prismaAdapter,
  type Logger,
} from '@denpyo/platform';
import { withPortalDefaults, type PortalOptions } from './config';
import { UserRepository } from './db/users';
import { DEMO_PASSWORD, DEMO_USERS } from './domain/demo-users';
import { LoginThrottle } from './domain/login-throttle';
import { hashPassword } from './domain/password';
import type { UpstreamService } from './domain/routes';
import { PrismaClient } from './generated/prisma/client';
import { authRouter } from './http/auth-router';
import { docsRouter } from './http/docs-router';
import { gateway } from './http/gateway';
import { portalUsersRouter } from './http/portal-users-router';
import { portalReadiness } from './http/readiness';
import { contractVendorLookup } from './http/vendor-lookup';

export interface RunningPortal {
  app: Express;
  port: number;
  url: string;
  logger: Logger;
  /** Stops accepting requests, finishes those in flight, then closes the database. */
  stop(): Promise<void>;
}

const MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

/**
 * Starts the portal: database and migrations, demo users when asked, login, vendor portal
 * users, docs, and the gateway to the three services. It publishes and consumes no events, so
 * it is composed from the platform's parts rather than `startService`.
 */
export async function startPortal(portalOptions: PortalOptions): Promise<RunningPortal> {
  const options = withPortalDefaults(portalOptions);
  const schema = options.DB_SCHEMA ?? 'portal';
  const logger = createLogger('portal', options.LOG_LEVEL);
  const pool = createPool(options.DATABASE_URL, schema);
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  const prisma = new PrismaClient({
    adapter: prismaAdapter(pool, schema),
    transactionOptions: PRISMA_TRANSACTION_OPTIONS,
  });
  try {
    await migrate(pool, schema, [PLATFORM_MIGRATIONS, { stream: 'service', dir: MIGRATIONS_DIR }]);
    const users = new UserRepository(prisma);
    if (options.DEMO_MODE) await seedDemoUsers(users, logger);

    const upstreams: Record<UpstreamService, string> = {
      contract: options.CONTRACT_URL,
      invoice: options.INVOICE_URL,
      payment: options.PAYMENT_URL,
    };
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'portal' });
    collectDefaultMetrics({ register: registry });
    const dummyHash = await hashPassword('not-a-password-of-anyone');

    const app = createApp({
      logger,
      registry,
      readiness: portalReadiness(pool, upstreams),
      mount: (app) => {
        app.use('/api', docsRouter());
        app.use(
          '/api',
          authRouter({
            users,
            throttle: new LoginThrottle(),
            jwtSecret: options.JWT_SECRET,
            dummyHash,
          }),
        );
        app.use(
          '/api',
          portalUsersRouter({
            users,
            pool,
            jwtSecret: options.JWT_SECRET,
            vendorExists: contractVendorLookup(options.CONTRACT_URL),
          }),
        );
        // The portal's own audit trail (portal users created); the services' are behind the gateway.
        app.use('/api/audit/portal', authenticate(options.JWT_SECRET), auditRouter(pool, '/'));
        app.use(gateway({ upstreams, timeoutMs: options.PROXY_TIMEOUT_MS, logger }));
      },
    });
    const server = await listen(app, options.PORT ?? 3000, options.HOST);
    const port = (server.address() as AddressInfo).port;
    logger.info({ port, upstreams }, 'portal listening');

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await closeServer(server);
        await prisma.$disconnect();
        await pool.end();
        logger.info('portal stopped');
      })();
      return stopping;
    };
    return { app, port, url: `http://${options.HOST}:${port}`, logger, stop };
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/** Idempotent: only missing demo users are created, so restarts keep changed passwords. */
async function seedDemoUsers(users: UserRepository, logger: Logger): Promise<void> {
  const existing = await users.existingUsernames(DEMO_USERS.map((user) => user.username));
  const missing = DEMO_USERS.filter((user) => !existing.has(user.username));
  if (missing.length === 0) return;
  await users.insertMissing(
    await Promise.all(
      missing.map(async (user) => ({ ...user, passwordHash: await hashPassword(DEMO_PASSWORD) })),
    ),
  );
  logger.warn(
    { users: missing.map((user) => user.username) },
    'demo mode: created demo users with password "demo"',
  );
}
