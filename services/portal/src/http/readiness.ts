import type { Pool } from 'pg';
import { UPSTREAM_SERVICES, type UpstreamService } from '../domain/routes';

/**
 * The portal is ready when its own database answers and each service it forwards to reports
 * ready itself; every check is reported by name so an operator sees which one is missing.
 */
export function portalReadiness(
  pool: Pool,
  upstreams: Readonly<Record<UpstreamService, string>>,
  timeoutMs = 2_000,
): () => Promise<Record<string, boolean>> {
  return async () => {
    const [database, ...services] = await Promise.all([
      pool.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      ...UPSTREAM_SERVICES.map((service) => isReady(upstreams[service], timeoutMs)),
    ]);
    return {
      database,
      ...Object.fromEntries(UPSTREAM_SERVICES.map((service, i) => [service, services[i]])),
    };
  };
}

async function isReady(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ready', baseUrl), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
