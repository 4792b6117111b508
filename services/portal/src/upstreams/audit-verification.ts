import { AuditTrailVerificationSchema, type AuthUser } from '@denpyo/schemas';
import type { TrailVerifier } from '../application/verify-audit-trails';
import type { UpstreamService } from '../domain/routes';
import type { Upstreams } from './instances';

/**
 * Each service's `GET /api/audit/<owner>/verify`, asked as the caller (a token signed for this
 * one request by `tokenFor`), so the service applies its own role check. Re-computing a long
 * chain takes a while: the timeout is the proxy's.
 */
export function upstreamTrailVerifiers(
  upstreams: Upstreams,
  tokenFor: (user: AuthUser) => Promise<string>,
  timeoutMs: number,
): Record<UpstreamService, TrailVerifier> {
  const verifier =
    (owner: UpstreamService): TrailVerifier =>
    async (caller, kept) => {
      const heads = kept.map((head) => `${head.owner}:${head.sequence}:${head.hash}`).join(',');
      const query = kept.length > 0 ? `?${new URLSearchParams({ kept: heads })}` : '';
      const path = `/api/audit/${owner}/verify${query}`;
      const response = await upstreams[owner].fetch(path, {
        headers: {
          authorization: `Bearer ${await tokenFor(caller.user)}`,
          accept: 'application/json',
          'x-correlation-id': caller.correlationId,
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`The ${owner} service answered ${response.status}`);
      }
      return AuditTrailVerificationSchema.parse(await response.json());
    };
  return {
    contract: verifier('contract'),
    invoice: verifier('invoice'),
    payment: verifier('payment'),
  };
}
