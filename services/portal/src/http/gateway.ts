import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { problemBody, type Logger } from '@denpyo/platform';
import { upstreamOf, type UpstreamService } from '../domain/routes';

export interface GatewayOptions {
  upstreams: Readonly<Record<UpstreamService, string>>;
  /** How long an upstream may take to answer before the caller gets a 503. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Forwards every request that matches an operation a service declares (domain/routes.ts) to
 * that service: method, path, query, headers and body as sent; status, headers and body (PDFs,
 * the Shift_JIS Zengin file, problem+json) streamed back unchanged. Anything else falls through
 * to the portal's own 404. Mount it at the app root so it sees full paths.
 */
export function gateway(options: GatewayOptions): RequestHandler {
  return createProxyMiddleware<Request, Response>({
    pathFilter: (_pathname, req) => upstreamOf(req.method, req.path) !== undefined,
    router: (req) => options.upstreams[ownerOf(req)],
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
        // The portal's JSON parser has already read JSON bodies; the bytes it read go upstream
        // as they came (never a re-serialisation of the parsed value, which deep nesting would
        // overflow). They are the inflated bytes, so no Content-Encoding goes with them.
        if (req.rawBody) {
          proxyReq.removeHeader('content-encoding');
          proxyReq.setHeader('content-length', req.rawBody.length);
          proxyReq.write(req.rawBody);
        }
      },
      error: (error, req, res) => {
        options.logger.warn({ err: error, url: req.url }, 'upstream service unavailable');
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
      },
    },
  });
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
