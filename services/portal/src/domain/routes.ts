/** The services behind the portal; each owns a part of the API (API.md). */
export const UPSTREAM_SERVICES = ['contract', 'invoice', 'payment'] as const;
export type UpstreamService = (typeof UPSTREAM_SERVICES)[number];

export interface UpstreamRoute {
  service: UpstreamService;
  /** The path and query string to request from that service. */
  url: string;
}

/** First path segments under /api and the service that owns them. */
const OWNERS: Readonly<Record<string, UpstreamService>> = {
  vendors: 'contract',
  budgets: 'contract',
  contracts: 'contract',
  invoices: 'invoice',
  payments: 'payment',
  'transfer-batches': 'payment',
  vendor: 'payment',
};

/**
 * Which service answers a request for `url` (path plus optional query string), and at which
 * URL; undefined when no service owns it. Matching is by whole path segment, so
 * `/api/vendor/…` (payment) and `/api/vendors/…` (contract) never mix. Each service keeps its
 * own audit trail, so `/api/audit/<service>` is that service's `/api/audit`.
 */
export function resolveUpstream(url: string): UpstreamRoute | undefined {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const segments = path.split('/');
  if (segments[0] !== '' || segments[1] !== 'api') return undefined;
  const first = segments[2] ?? '';
  if (first === 'audit') {
    const service = UPSTREAM_SERVICES.find((name) => name === segments[3]);
    if (!service) return undefined;
    return { service, url: ['', 'api', 'audit', ...segments.slice(4)].join('/') + query };
  }
  const service = Object.hasOwn(OWNERS, first) ? OWNERS[first] : undefined;
  return service ? { service, url } : undefined;
}
