import { join } from 'node:path';
import { createTokenSigner, defineService, type ServiceRuntime } from '@denpyo/platform';
import { PORTAL_OPERATIONS, type AuthUser } from '@denpyo/schemas';
import { createPortalApplication } from './application';
import { PORTAL_DEFAULTS, portalSettingsSchema, type PortalEnv } from './config';
import type { Tx } from './db/prisma';
import { databaseLoginThrottle } from './application/login-throttle';
import { createPasswordHasher } from './application/password-hasher';
import { DEFAULT_THROTTLE_POLICY } from './domain/login-throttle';
import { upstreamOf } from './domain/routes';
import { PrismaClient } from './generated/prisma/client';
import { swaggerUiAssets } from './http/docs';
import { warnOfUntrustedForwarding } from './http/forwarded-for-warning';
import { gateway } from './http/gateway';
import { portalRoutes } from './http/routes';
import { sessionGate } from './http/session-gate';
import { signingKeysOf } from './signing-keys';
import { builtWebAppDir, webApp } from './http/web-app';
import { contractVendorLookup } from './upstreams/vendor-lookup';
import { upstreamReadiness } from './upstreams/readiness';
import { upstreamsOf } from './upstreams/instances';
import { auditTrailsDeps } from './upstreams/audit-trails';

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
    // The portal alone holds a private key; the services verify with its public part.
    const signer = createTokenSigner(signingKeysOf(runtime.env, runtime.logger));
    // The portal's own one-minute tokens to the services, on behalf of the verified caller.
    const asCaller = (user: AuthUser) => signer.issue(user, { ttlSeconds: 60 });
    const application = createPortalApplication({
      db,
      uow,
      signer,
      sessionSettings: {
        accessTokenTtlSeconds: setting(runtime.env, 'ACCESS_TOKEN_TTL_SECONDS'),
        sessionTtlSeconds: setting(runtime.env, 'SESSION_TTL_SECONDS'),
      },
      throttle: databaseLoginThrottle(db, {
        ...DEFAULT_THROTTLE_POLICY,
        accountFailureLimit: setting(runtime.env, 'LOGIN_ACCOUNT_FAILURE_LIMIT'),
        clientFailureLimit: setting(runtime.env, 'LOGIN_CLIENT_FAILURE_LIMIT'),
        globalFailuresPerMinute: setting(runtime.env, 'LOGIN_GLOBAL_FAILURES_PER_MINUTE'),
      }),
      hasher: createPasswordHasher({
        params: { N: 2 ** setting(runtime.env, 'PASSWORD_SCRYPT_LOG_N'), r: 8, p: 1 },
        concurrency: setting(runtime.env, 'PASSWORD_HASH_CONCURRENCY'),
        perClient: setting(runtime.env, 'PASSWORD_HASH_PER_CLIENT'),
      }),
      vendorExists: contractVendorLookup(upstreamsOf(runtime).contract, asCaller),
      today: () => runtime.clock.today(),
      auditTrails: auditTrailsDeps(runtime, db, asCaller),
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
  // A body for a service goes through unread: the service parses and checks it, once. Except
  // with an Idempotency-Key: the gateway keeps that body to send again to another instance.
  leavesBodyUnread: (req) =>
    upstreamOf(req.method, req.path) !== undefined && req.headers['idempotency-key'] === undefined,
  mount(express, runtime, application) {
    // The client is the socket's peer unless configured proxies name it (TRUSTED_PROXIES):
    // the sign-in throttle counts per client, so a forwarded header must buy nothing.
    const trustedProxies = setting(runtime.env, 'TRUSTED_PROXIES');
    express.set('trust proxy', trustedProxies);
    if (trustedProxies === false) warnOfUntrustedForwarding(express, runtime.logger);
    express.use('/api/docs', swaggerUiAssets());
    express.use(
      sessionGate(application.verifySessionToken, application.refuseUntilPasswordChanged),
    );
    express.use(
      gateway({
        upstreams: upstreamsOf(runtime),
        timeoutMs: runtime.env.PROXY_TIMEOUT_MS,
        logger: runtime.logger,
      }),
    );
    express.use(webApp(runtime.env.WEB_DIST_DIR ?? builtWebAppDir()));
  },
  readiness: (runtime) => upstreamReadiness(upstreamsOf(runtime)),
  // Its own operations check that the token's session is still live, not only its signature.
  tokenVerifier: (application) => application.verifySessionToken,
  every: [
    {
      name: 'prune-sessions',
      intervalMs: 60 * 60_000,
      run: async (app) => {
        await app.pruneSessions();
      },
    },
    // The chain heads, where no service can write (only with AUDIT_ANCHOR_URL).
    {
      name: 'audit-anchor',
      intervalMs: 10 * 60_000,
      // A first anchor soon after start, so a fresh installation does not wait ten minutes.
      firstRunMs: 60_000,
      run: async (app) => {
        await app.anchorAuditTrails();
      },
    },
  ],
});

/** A portal setting, its default when a caller of startService left it out. */
function setting<K extends keyof typeof PORTAL_DEFAULTS>(
  env: Partial<PortalEnv>,
  key: K,
): (typeof PORTAL_DEFAULTS)[K] {
  return (env[key] as (typeof PORTAL_DEFAULTS)[K] | undefined) ?? PORTAL_DEFAULTS[key];
}
