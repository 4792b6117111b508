import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { problemBody, type Logger } from '@denpyo/platform';
import { upstreamOf, type UpstreamService } from '../domain/routes';
import { neverConnected, type Upstreams } from '../upstreams/instances';

export interface GatewayOptions {
  /** The instances of each service, taken in turn among the healthy ones. */
  upstreams: Upstreams;
  /** How long an upstream may take to answer before the caller gets a 503. */
  timeoutMs: number;
  logger: Logger;
}

/** The headers http-proxy adds to (xfwd), restored before a request is sent again. */
const FORWARDED = [
  'x-forwarded-for',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-forwarded-host',
] as const;

/** The instances a request was sent to, the last one first to blame. */
interface Attempts {
  tried: Set<string>;
  current: string;
  forwarded: Partial<IncomingHttpHeaders>;
}

/**
 * Forwards every request that matches an operation a service declares (domain/routes.ts) to
 * one of that service's instances, in turn: method, path, query, headers and body as sent;
 * status, headers and body (PDFs, the Shift_JIS Zengin file, problem+json) streamed back
 * unchanged. Anything else falls through to the portal's own 404. Mount it at the app root so
 * it sees full paths.
 *
 * An instance that refuses the connection received nothing; the request goes to another
 * instance if it is idempotent (GET, HEAD, or carrying an Idempotency-Key, which the service
 * honours across its instances) and its body is in hand to send again. Any other failure, or
 * a POST without a key, is the caller's 503: a body the service may have received is never
 * sent twice.
 */
export function gateway(options: GatewayOptions): RequestHandler {
  const attempts = new WeakMap<Request, Attempts>();
  const instancesOf = (req: Request) => options.upstreams[ownerOf(req)];

  const unavailable = (req: Request, res: ServerResponse | Socket) => {
    if (!isHttpResponse(res) || res.headersSent) {
      res.destroy();
      return;
    }
    const problem = problemBody(
      503,
      'Service Unavailable',
      `The ${ownerOf(req)} service is unavailable; retry later`,
    );
    res.statusCode = 503;
    res.setHeader('Content-Type', 'application/problem+json');
    res.setHeader('Retry-After', '5');
    res.end(JSON.stringify(problem));
  };

  const proxy: RequestHandler = createProxyMiddleware<Request, Response>({
    pathFilter: (_pathname, req) => upstreamOf(req.method, req.path) !== undefined,
    router: (req) => {
      const attempt = attempts.get(req) ?? firstAttempt(req);
      attempt.current = instancesOf(req).next(attempt.tried) as string;
      attempt.tried.add(attempt.current);
      attempts.set(req, attempt);
      return attempt.current;
    },
    changeOrigin: true,
    xfwd: true,
    proxyTimeout: options.timeoutMs,
    on: {
      proxyReq: (proxyReq, req, res) => {
        // The ids the portal assigned (or accepted) travel on, so one action traces end to end.
        for (const header of ['x-request-id', 'x-correlation-id']) {
          const value = res.getHeader(header);
          if (typeof value === 'string') proxyReq.setHeader(header, value);
        }
        // Most bodies stream through unread (service.ts, leavesBodyUnread). One the portal held
        // (to send again with its Idempotency-Key) goes upstream as it came, never re-serialised
        // (deep nesting would overflow); they are the inflated bytes, so no Content-Encoding.
        if (req.rawBody) {
          proxyReq.removeHeader('content-encoding');
          proxyReq.setHeader('content-length', req.rawBody.length);
          proxyReq.write(req.rawBody);
        }
      },
      error: (error, req, res) => {
        const attempt = attempts.get(req);
        if (attempt && neverConnected(error)) {
          const instances = instancesOf(req);
          instances.markDown(attempt.current);
          if (mayResend(req, res) && instances.hasUntried(attempt.tried)) {
            options.logger.warn(
              { err: error, url: req.url, instance: attempt.current },
              'upstream instance refused the connection; trying another',
            );
            restoreForwarded(req, attempt);
            void proxy(req, res as Response, () => unavailable(req, res));
            return;
          }
        }
        options.logger.warn({ err: error, url: req.url }, 'upstream service unavailable');
        unavailable(req, res);
      },
    },
  });
  return proxy;
}

function firstAttempt(req: Request): Attempts {
  const forwarded: Partial<IncomingHttpHeaders> = {};
  for (const header of FORWARDED) forwarded[header] = req.headers[header];
  return { tried: new Set(), current: '', forwarded };
}

/** http-proxy appended to these on the way out: as the caller sent them, for the next try. */
function restoreForwarded(req: Request, attempt: Attempts): void {
  for (const header of FORWARDED) {
    const value = attempt.forwarded[header];
    if (value === undefined) delete req.headers[header];
    else req.headers[header] = value;
  }
}

/** Idempotent, its body (if any) held by the portal, and nothing answered to the caller yet. */
function mayResend(req: Request, res: ServerResponse | Socket): boolean {
  if (!isHttpResponse(res) || res.headersSent) return false;
  const idempotent =
    req.method === 'GET' || req.method === 'HEAD' || req.headers['idempotency-key'] !== undefined;
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
  return idempotent && (req.rawBody !== undefined || !hasBody);
}

/** The service of a request the path filter let through. */
function ownerOf(req: Request): UpstreamService {
  const service = upstreamOf(req.method, req.path);
  if (!service) throw new Error(`No service declares ${req.method} ${req.path}`);
  return service;
}

function isHttpResponse(res: ServerResponse | Socket): res is ServerResponse {
  return 'writeHead' in res;
}
