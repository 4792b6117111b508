import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { Histogram, type Registry } from 'prom-client';
import { COMMON_OPERATIONS } from '@denpyo/schemas';
import type { Logger } from '../logger';
import { badRequest, notFoundHandler, problemHandler } from './errors';
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
  app.use(
    express.json({
      // Room for a transfer batch of 10,000 payment ids (about 390 KB).
      limit: options.jsonLimit ?? '1mb',
      verify: (_req, _res, raw) => {
        if (raw.includes('\\u0000'))
          throw badRequest('The body contains a NUL character (\\u0000)');
      },
    }),
  );

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
      getMetrics: async (_req, res) => {
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

function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single && /^[\w.:-]{1,128}$/.test(single) ? single : undefined;
}

/** Route patterns, not raw paths, so ids do not explode the metric's label set. */
function routeLabel(req: express.Request): string {
  const route = (req as { route?: { path?: string } }).route?.path;
  return route ? `${req.baseUrl}${route}` : 'unmatched';
}
