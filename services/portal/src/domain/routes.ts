import { operationsOf } from '@denpyo/schemas';

/** The services behind the portal; each owns a part of the API (API.md). */
export const UPSTREAM_SERVICES = ['contract', 'invoice', 'payment'] as const;
export type UpstreamService = (typeof UPSTREAM_SERVICES)[number];

/** Stands for a `{param}` segment of a declared path: any one non-empty segment. */
const PARAM = Symbol('param');

interface ForwardRule {
  method: string;
  segments: readonly (string | typeof PARAM)[];
  service: UpstreamService;
}

// From the operations each service declares in @denpyo/schemas, so a new operation is forwarded
// as soon as it is declared and nothing else is.
const RULES: readonly ForwardRule[] = UPSTREAM_SERVICES.flatMap((service) =>
  operationsOf(service).map((operation) => ({
    method: operation.method,
    segments: operation.path
      .split('/')
      .map((segment) => (/^\{\w+\}$/.test(segment) ? PARAM : segment)),
    service,
  })),
);

/**
 * The service that serves `method` on `path` (no query string), by its declared operations;
 * undefined when no service behind the portal declares it. Segments compare whole, so
 * `/api/vendor/…` (payment) and `/api/vendors/…` (contract) never mix.
 */
export function upstreamOf(method: string, path: string): UpstreamService | undefined {
  const wanted = method.toLowerCase();
  const segments = path.split('/');
  return RULES.find(
    (rule) =>
      rule.method === wanted &&
      rule.segments.length === segments.length &&
      rule.segments.every((expected, i) =>
        expected === PARAM ? segments[i] !== '' : expected === segments[i],
      ),
  )?.service;
}
