import { UPSTREAM_SERVICES, type UpstreamService } from '../domain/routes';
import type { Upstreams } from './instances';

/**
 * Whether each service the portal forwards to has an instance that reports ready itself, by
 * name, so an operator sees which one is missing (the platform adds the portal's own database).
 * Asking also tells the gateway which instances to skip.
 */
export async function upstreamReadiness(
  upstreams: Upstreams,
): Promise<Record<UpstreamService, boolean>> {
  const ready = await Promise.all(UPSTREAM_SERVICES.map((service) => upstreams[service].check()));
  return Object.fromEntries(UPSTREAM_SERVICES.map((service, i) => [service, ready[i]])) as Record<
    UpstreamService,
    boolean
  >;
}
