import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { z } from 'zod';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { loadConfigOrExit, serviceEnvSchema, type ServiceEnv } from './config';
import { migrate, PLATFORM_MIGRATIONS } from './db/migrator';
import { createPool, isDatabaseReachable } from './db/pool';
import { subscribeWithRetry } from './events/consumer';
import { createEventBus } from './events/create-event-bus';
import type { DeliveredMessage, EventBus, Subscription } from './events/event-bus';
import { OutboxRelay } from './events/outbox';
import { createApp } from './http/app';
import { createLogger, type Logger } from './logger';

/** What a service gets from the platform to build its routers and consumers on. */
export interface ServiceRuntime {
  env: ServiceEnv;
  schema: string;
  logger: Logger;
  pool: Pool;
  bus: EventBus;
  relay: OutboxRelay;
  registry: Registry;
}

export interface ConsumerDefinition {
  groupId: string;
  topics: string[];
  handle(message: DeliveredMessage): Promise<void>;
}

export interface ServiceParts {
  mount(app: Express): void;
  consumers?: ConsumerDefinition[];
  readiness?(): Promise<Record<string, boolean>>;
  close?(): Promise<void>;
}

export interface ServiceDefinition {
  name: string;
  defaultPort: number;
  /** The service's own SQL migrations, applied after the platform's. */
  migrationsDir: string;
  setup(runtime: ServiceRuntime): Promise<ServiceParts> | ServiceParts;
}

export interface RunningService {
  app: Express;
  port: number;
  url: string;
  runtime: ServiceRuntime;
  /** Stops accepting requests, finishes those in flight and the message in hand, then closes. */
  stop(): Promise<void>;
}

/** The composition every service shares: config → pool → migrations → bus → relay → app → consumers. */
export async function startService(
  definition: ServiceDefinition,
  env: ServiceEnv,
): Promise<RunningService> {
  const schema = env.DB_SCHEMA ?? definition.name;
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const pool = createPool(env.DATABASE_URL, schema);
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  await migrate(pool, schema, [
    PLATFORM_MIGRATIONS,
    { stream: 'service', dir: definition.migrationsDir },
  ]);
  const bus = await createEventBus({
    kafkaBrokers: env.KAFKA_BROKERS,
    databaseUrl: env.DATABASE_URL,
    eventLogSchema: env.EVENT_LOG_SCHEMA,
    clientId: `denpyo-${definition.name}`,
    logger,
  });
  const registry = new Registry();
  registry.setDefaultLabels({ service: definition.name });
  collectDefaultMetrics({ register: registry });
  const relay = new OutboxRelay({ pool, bus, logger });
  new Gauge({
    name: 'denpyo_outbox_pending',
    help: 'Events committed but not yet published',
    registers: [registry],
    async collect() {
      this.set(await relay.pending().catch(() => -1));
    },
  });
  const runtime: ServiceRuntime = { env, schema, logger, pool, bus, relay, registry };
  const parts = await definition.setup(runtime);

  const app = createApp({
    logger,
    registry,
    readiness: async () => ({
      database: await isDatabaseReachable(pool),
      eventBus: await bus.isReady(),
      ...(parts.readiness ? await parts.readiness() : {}),
    }),
    mount: parts.mount,
  });
  relay.start();
  const subscriptions: Subscription[] = [];
  for (const consumer of parts.consumers ?? []) {
    subscriptions.push(await subscribeWithRetry(bus, { ...consumer, logger, registry }));
  }
  const server = await listen(app, env.PORT ?? definition.defaultPort, env.HOST);
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, `${definition.name} service listening`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await closeServer(server);
      await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      await relay.stop();
      await parts.close?.();
      await bus.close();
      await pool.end();
      logger.info(`${definition.name} service stopped`);
    })();
    return stopping;
  };
  return { app, port, url: `http://${env.HOST}:${port}`, runtime, stop };
}

/** Entry point of a service process: fail-fast config, start, stop gracefully on SIGTERM/SIGINT. */
export async function runService(definition: ServiceDefinition): Promise<void>;
/** …for a service with settings of its own: both schemas are checked before anything stops. */
export async function runService<S extends z.ZodType>(
  definition: (settings: z.infer<S>) => ServiceDefinition,
  settingsSchema: S,
): Promise<void>;
export async function runService<S extends z.ZodType>(
  definitionOrFactory: ServiceDefinition | ((settings: z.infer<S>) => ServiceDefinition),
  settingsSchema?: S,
): Promise<void> {
  // One intersection, so every bad variable of both schemas is named in a single run.
  const env = loadConfigOrExit(
    z.intersection(serviceEnvSchema, settingsSchema ?? z.object({})),
  ) as ServiceEnv & z.infer<S>;
  const definition =
    typeof definitionOrFactory === 'function' ? definitionOrFactory(env) : definitionOrFactory;
  await runUntilSignalled(`${definition.name} service`, async () => {
    const service = await startService(definition, env);
    return { stop: service.stop, logger: service.runtime.logger };
  });
}

/**
 * Starts a process's work and stops it gracefully on SIGTERM/SIGINT (in-flight requests and
 * messages finish first; 15 s at most). A failure to start exits non-zero with the reason.
 */
export async function runUntilSignalled(
  name: string,
  start: () => Promise<{ stop(): Promise<void>; logger: Logger }>,
): Promise<void> {
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start();
  } catch (error) {
    process.stderr.write(`${name} failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    running.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

export function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
