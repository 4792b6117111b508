import { UPSTREAM_SERVICES, type UpstreamService } from '../domain/routes';

/**
 * Whether each service the portal forwards to reports ready itself, by name, so an operator
 * sees which one is missing (the platform adds the portal's own database).
 */
export async function upstreamReadiness(
  upstreams: Readonly<Record<UpstreamService, string>>,
  timeoutMs = 2_000,
): Promise<Record<UpstreamService, boolean>> {
  const ready = await Promise.all(
    UPSTREAM_SERVICES.map((service) => isReady(upstreams[service], timeoutMs)),
  );
  return Object.fromEntries(UPSTREAM_SERVICES.map((service, i) => [service, ready[i]])) as Record<
    UpstreamService,
    boolean
  >;
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
