import { Pool } from 'pg';
import { makeVerifyAudit, pgExecutor, prismaExecutor, type ServiceRuntime } from '@denpyo/platform';
import type { AuthUser } from '@denpyo/schemas';
import type { AuditTrailsDeps } from '../application';
import { PORTAL_DEFAULTS, type PortalEnv } from '../config';
import type { Db } from '../db/prisma';
import { upstreamTrailVerifiers } from './audit-verification';
import { upstreamsOf } from './instances';

/**
 * The portal's audit-trail dependencies: its own trail, the three services' verify operations
 * (asked with a token `tokenFor` signs as the caller), and, when AUDIT_ANCHOR_URL is set, a
 * one-connection pool on the anchor role for anchoring the heads (closed when the portal stops).
 */
export function auditTrailsDeps(
  runtime: ServiceRuntime<PortalEnv>,
  db: Db,
  tokenFor: (user: AuthUser) => Promise<string>,
): AuditTrailsDeps {
  const own = prismaExecutor(db);
  const { env } = runtime;
  let anchoring: AuditTrailsDeps['anchoring'];
  if (env.AUDIT_ANCHOR_URL) {
    const pool = new Pool({
      connectionString: env.AUDIT_ANCHOR_URL,
      max: 1,
      application_name: 'audit-anchor',
    });
    pool.on('error', (error) => runtime.logger.warn({ err: error }, 'anchor connection failed'));
    runtime.onStop(() => pool.end());
    anchoring = {
      db: pgExecutor(pool),
      trails: env.AUDIT_ANCHOR_TRAILS ?? [runtime.schema, 'contract', 'invoice', 'payment'],
    };
  }
  return {
    verifyOwn: makeVerifyAudit(own, 'portal'),
    upstreams: upstreamTrailVerifiers(
      upstreamsOf(runtime),
      tokenFor,
      env.PROXY_TIMEOUT_MS ?? PORTAL_DEFAULTS.PROXY_TIMEOUT_MS,
    ),
    db: own,
    ...(anchoring ? { anchoring } : {}),
    now: () => new Date(),
  };
}
