import { randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { Histogram, type Registry } from 'prom-client';
import {
  COMMON_OPERATIONS,
  CorrelationIdSchema,
  MAX_XML_BODY_BYTES,
  XML_MEDIA_TYPES,
} from '@denpyo/schemas';
import type { Logger } from '../logger';
import { badRequest, HttpError, notFoundHandler, problemHandler } from './errors';
import { jsonLimitViolation } from './json-limits';
import { registerOperations } from './operations';
import './express-augment';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export interface AppOptions {
  logger: Logger;
  registry: Registry;
  readiness: ReadinessCheck;
  /** Registers the service's operations; runs after the common middleware and operations. */
  mount(app: Express): void;
  jsonLimit?: string;
  /**
   * Requests whose body this process leaves unread, for a later handler to stream on (the
   * portal's gateway: the service behind it parses and checks the body, once).
   */
  leavesBodyUnread?: (req: express.Request) => boolean;
  /** Who may read /metrics; open to anyone who reaches the port when not given. */
  metrics?: MetricsAccess;
}

/**
 * /metrics for Prometheus: with a token, only `Authorization: Bearer <token>`; without one, open
 * on a process whose port only the operator's network reaches (`openWithoutToken`), and not
 * served at all (404) on one that faces users — the portal, in every mode.
 */
export interface MetricsAccess {
  token?: string;
  openWithoutToken: boolean;
}

/**
 * The express app every service and the portal share: security headers, request and correlation
 * ids, structured request logs, a body limit, /health, /ready, /metrics, and one error mapper.
 * Apart from `listen`, so tests drive it with supertest.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req, res) => {
        const id = headerValue(req.headers['x-request-id']) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
      // Probes are polled: /ready answers 503 while a dependency starts, which is no error.
      autoLogging: { ignore: (req) => ['/health', '/ready', '/metrics'].includes(req.url ?? '') },
    }),
  );
  app.use((req, res, next) => {
    req.correlationId = headerValue(req.headers['x-correlation-id']) ?? String(req.id);
    res.setHeader('X-Correlation-Id', req.correlationId);
    next();
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [options.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  app.use((req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () =>
      end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }),
    );
    next();
  });
  // PostgreSQL text cannot hold U+0000: refuse it here, in the URL or the body, with a 400.
  app.use((req, _res, next) => {
    next(/%00/i.test(req.url) ? badRequest('The URL contains a NUL character') : undefined);
  });
  const unlessLeftUnread =
    (parser: express.RequestHandler): express.RequestHandler =>
    (req, res, next) =>
      options.leavesBodyUnread?.(req) ? next() : parser(req, res, next);
  app.use(
    unlessLeftUnread(
      express.json({
        // Room for a transfer batch of 10,000 payment ids (about 390 KB).
        limit: options.jsonLimit ?? '1mb',
        verify: (req, _res, raw, encoding) => {
          // RFC 8259 §8.1; the limits below read UTF-8 bytes.
          if (encoding && encoding.toLowerCase() !== 'utf-8') {
            throw new HttpError(415, 'Unsupported Media Type', 'Send JSON encoded as UTF-8');
          }
          const violation = jsonLimitViolation(raw);
          if (violation) throw badRequest(violation);
          // The bytes as they came: the portal forwards them, Idempotency-Key hashes them.
          (req as express.Request).rawBody = raw;
        },
      }),
    ),
  );

  // XML documents (e-invoices) are read as bytes, never parsed here: the operation hands them to
  // its handler unchanged, the portal forwards them as they came, Idempotency-Key hashes them.
  // The operation checks its own limit; this one is the largest any operation declares.
  if (MAX_XML_BODY_BYTES > 0) {
    app.use(
      unlessLeftUnread(
        express.raw({
          type: [...XML_MEDIA_TYPES],
          limit: MAX_XML_BODY_BYTES,
          verify: (req, _res, raw) => {
            (req as express.Request).rawBody = raw;
          },
        }),
      ),
    );
  }

  registerOperations(
    app,
    COMMON_OPERATIONS,
    {
      getHealth: (_req, res) => {
        res.json({ status: 'ok' });
      },
      getReadiness: async (_req, res) => {
        const checks = await options.readiness().catch(() => ({ readiness: false }));
        const ready = Object.values(checks).every(Boolean);
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
      },
      getMetrics: async (req, res) => {
        metricsAllowed(req, options.metrics ?? { openWithoutToken: true });
        res.type(options.registry.contentType).send(await options.registry.metrics());
      },
    },
    {},
  );

  options.mount(app);
  app.use(notFoundHandler);
  app.use(problemHandler(options.logger));
  return app;
}

/** Throws the refusal of a /metrics request that `access` does not let in. */
function metricsAllowed(req: express.Request, access: MetricsAccess): void {
  if (access.token === undefined) {
    if (access.openWithoutToken) return;
    throw new HttpError(404, 'Not Found', `No route for ${req.method} ${req.path}`);
  }
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '');
  const expected = Buffer.from(access.token);
  // Compared in constant time, so the token cannot be guessed byte by byte from timings.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'Unauthorized', 'The metrics token is required', undefined, {
      'WWW-Authenticate': 'Bearer realm="metrics"',
    });
  }
}

/**
 * A client's request or correlation id, only when it is a short token: either ends up in logs
 * and the audit trail, so anything else (a newline, markup, kilobytes) is replaced by our own.
 */
function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single && CorrelationIdSchema.safeParse(single).success ? single : undefined;
}

/** Route patterns, not raw paths, so ids do not explode the metric's label set. */
function routeLabel(req: express.Request): string {
  const route = (req as { route?: { path?: string } }).route?.path;
  return route ? `${req.baseUrl}${route}` : 'unmatched';
}
