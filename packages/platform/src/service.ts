import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Request } from 'express';
import { z } from 'zod';
import type { OperationDeclaration } from '@denpyo/schemas';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import {
  ConfigError,
  loadConfigOrExit,
  pdfSettings,
  pinnedToday,
  requirePublicKeys,
  serviceEnvSchema,
  type ServiceEnv,
} from './config';
import { createClock, type Clock } from './application/clock';
import { migrate, PLATFORM_MIGRATIONS } from './db/migrator';
import { createPool, isDatabaseReachable } from './db/pool';
import { runExclusively } from './db/run-exclusively';
import { createPrismaClient, type PrismaClientOptions } from './db/prisma-support';
import {
  createUnitOfWork,
  type TransactionalClient,
  type UnitOfWork,
} from './application/unit-of-work';
import type { PrismaRawClient } from './events/prisma-executor';
import { subscribeWithRetry } from './events/consumer';
import { createEventBus } from './events/create-event-bus';
import { kafkaSecurityOf } from './events/kafka-settings';
import type { DeliveredMessage, EventBus, Subscription } from './events/event-bus';
import { OutboxRelay } from './events/outbox';
import { createApp } from './http/app';
import { registerOperations, type OperationHandlers } from './http/operations';
import { renderLimitsFor } from './http/render-limits';
import { createTokenVerifier, type TokenVerifier } from './http/auth';
import { createLogger, type Logger } from './logger';

/** What a service gets from the platform to build its application on. */
export interface ServiceRuntime<Env extends ServiceEnv = ServiceEnv> {
  env: Env;
  schema: string;
  logger: Logger;
  pool: Pool;
  registry: Registry;
  /** The one clock of every date rule (DENPYO_TODAY pins it in demo mode and tests). */
  clock: Clock;
  /** The event bus; absent in a process that neither publishes nor consumes events. */
  bus?: EventBus;
  relay?: OutboxRelay;
  /**
   * The service's database: its generated PrismaClient on this pool and schema (disconnected at
   * stop) and the unit of work every write goes through (which wakes the relay after commits).
   * `runtime.database<Tx>(PrismaClient)`, Tx being the client's transaction type.
   */
  database<Tx extends PrismaRawClient, Client extends TransactionalPrismaClient<Tx>>(
    PrismaClientClass: new (options: PrismaClientOptions) => Client,
  ): { db: Client; uow: UnitOfWork<Tx> };
  /** Closes something the application opened (a second pool) when the process stops. */
  onStop(close: () => Promise<void>): void;
}

/** What the platform needs of a generated PrismaClient. */
type TransactionalPrismaClient<Tx> = TransactionalClient<Tx> & { $disconnect(): Promise<void> };

export interface ConsumerDefinition {
  groupId: string;
  topics: string[];
  handle(message: DeliveredMessage): Promise<void>;
}

/**
 * A process of Denpyo, declared the same way for all four: its operations (declared in
 * @denpyo/schemas), the application (its use cases) built on the runtime, and two thin
 * adapters over that same application: the route handlers and the event consumer.
 */
export interface ServiceDefinition<
  App,
  Ops extends Record<string, OperationDeclaration>,
  Settings extends object = NoSettings,
> {
  name: 'portal' | 'contract' | 'invoice' | 'payment';
  defaultPort: number;
  /** The service's own SQL migrations, applied after the platform's. */
  migrationsDir: string;
  /** The process's own settings, parsed from the environment together with the common ones. */
  settings?: z.ZodType<Settings>;
  /** The operations it serves: `OperationsOf<name>` from @denpyo/schemas. */
  operations: Ops;
  /** False for a process that neither publishes nor consumes events (the portal). */
  usesEvents: boolean;
  /** The use cases and queries: the one dependency of routes and consumers. */
  createApplication(runtime: ServiceRuntime<ServiceEnv & Settings>): App | Promise<App>;
  /** src/http/routes.ts: one handler per operation, each a thin adapter over a use case. */
  routes(app: App): OperationHandlers<Ops>;
  /** src/events/consumers.ts: the service's one consumer group, one handler per event type. */
  consumer?(app: App): ConsumerDefinition;
  /** What is served besides the operations (the portal's gateway and static files). */
  mount?(express: Express, runtime: ServiceRuntime<ServiceEnv & Settings>, application: App): void;
  /** Requests whose body `mount`'s handlers stream on unread (see AppOptions.leavesBodyUnread). */
  leavesBodyUnread?: (req: Request) => boolean;
  /** Dependencies /ready reports besides the database and the event bus. */
  readiness?(runtime: ServiceRuntime<ServiceEnv & Settings>): Promise<Record<string, boolean>>;
  /**
   * Work the process repeats on its own while it runs (catch-up jobs that depend on the date,
   * queued mail), or the tasks as its settings time them.
   */
  every?:
    readonly PeriodicTask<App>[] | ((env: ServiceEnv & Settings) => readonly PeriodicTask<App>[]);
  /**
   * How the process verifies access tokens when it does not take the portal's public keys from
   * AUTH_JWKS / AUTH_JWKS_URL: the portal, which signs them and knows which sessions are revoked.
   */
  tokenVerifier?(app: App, runtime: ServiceRuntime<ServiceEnv & Settings>): TokenVerifier;
}

/**
 * A task run every `intervalMs` from listen until stop: the next run is timed from the end of
 * the last, so runs never overlap, nor do those of several instances of the service (one runs,
 * the others skip that turn); a failure is logged and the next run tries again.
 */
export interface PeriodicTask<App> {
  /** Names the task in the logs, and its lock across instances. */
  name: string;
  intervalMs: number;
  /** When the first run comes after listen; `intervalMs` unless a task should not wait that long. */
  firstRunMs?: number;
  run(app: App): Promise<void>;
}

/** A process with no settings beyond the common ones. */
export type NoSettings = Record<never, never>;

/** Infers a definition's types: `export const invoiceService = defineService({ … })`. */
export function defineService<
  App,
  Ops extends Record<string, OperationDeclaration>,
  Settings extends object = NoSettings,
>(definition: ServiceDefinition<App, Ops, Settings>): ServiceDefinition<App, Ops, Settings> {
  return definition;
}

export interface RunningService<Env extends ServiceEnv = ServiceEnv> {
  app: Express;
  port: number;
  url: string;
  runtime: ServiceRuntime<Env>;
  /** Stops accepting requests, finishes those in flight and the message in hand, then closes. */
  stop(): Promise<void>;
}

/**
 * The composition every process shares: pool → migrations → bus → relay → application → app
 * (its declared operations) → consumer → listen → periodic tasks.
 */
export async function startService<
  App,
  Ops extends Record<string, OperationDeclaration>,
  Settings extends object,
>(
  definition: ServiceDefinition<App, Ops, Settings>,
  env: ServiceEnv & Settings,
): Promise<RunningService<ServiceEnv & Settings>> {
  const schema = env.DB_SCHEMA ?? definition.name;
  const clock = createClock(pinnedToday(env));
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const pool = createPool(env.DATABASE_URL, schema);
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection failed'));
  const closers: (() => Promise<void>)[] = [];
  try {
    await migrate(pool, schema, [
      PLATFORM_MIGRATIONS,
      { stream: 'service', dir: definition.migrationsDir },
    ]);
    const registry = new Registry();
    registry.setDefaultLabels({ service: definition.name });
    collectDefaultMetrics({ register: registry });
    const bus = definition.usesEvents
      ? await createEventBus({
          kafkaBrokers: env.KAFKA_BROKERS,
          kafkaSecurity: kafkaSecurityOf(env),
          databaseUrl: env.DATABASE_URL,
          eventLogSchema: env.EVENT_LOG_SCHEMA,
          topicPartitions: env.EVENT_TOPIC_PARTITIONS,
          clientId: `denpyo-${definition.name}`,
          logger,
        })
      : undefined;
    const relay = bus ? new OutboxRelay({ pool, bus, logger }) : undefined;
    if (relay) {
      new Gauge({
        name: 'denpyo_outbox_pending',
        help: 'Events committed but not yet published',
        registers: [registry],
        async collect() {
          this.set(await relay.pending().catch(() => -1));
        },
      });
    }
    const runtime: ServiceRuntime<ServiceEnv & Settings> = {
      env,
      schema,
      logger,
      pool,
      registry,
      clock,
      bus,
      relay,
      database(PrismaClientClass) {
        const db = createPrismaClient(PrismaClientClass, { pool, schema });
        closers.push(() => db.$disconnect());
        const uow = createUnitOfWork(db, { clock, onEventsCommitted: () => relay?.wake() });
        return { db, uow };
      },
      onStop(close) {
        closers.push(close);
      },
    };
    const application = await definition.createApplication(runtime);

    const app = createApp({
      logger,
      registry,
      // The portal is the one process users reach: its metrics are the operator's alone, in
      // demo mode too (`npm start` listens where others may reach it).
      metrics: {
        token: env.METRICS_TOKEN,
        openWithoutToken: definition.name !== 'portal',
      },
      ...(definition.leavesBodyUnread ? { leavesBodyUnread: definition.leavesBodyUnread } : {}),
      readiness: async () => ({
        database: await isDatabaseReachable(pool),
        ...(bus ? { eventBus: await bus.isReady() } : {}),
        ...(definition.readiness ? await definition.readiness(runtime) : {}),
      }),
      mount(express) {
        registerOperations(express, definition.operations, definition.routes(application), {
          verifyToken: definition.tokenVerifier?.(application, runtime) ?? publicKeyVerifier(env),
          pool,
          today: clock.today,
          renderLimits: renderLimitsFor(pdfSettings(env)),
        });
        definition.mount?.(express, runtime, application);
      },
    });
    relay?.start();
    const subscriptions: Subscription[] = [];
    const consumer = definition.consumer?.(application);
    if (consumer && bus) {
      subscriptions.push(await subscribeWithRetry(bus, { ...consumer, logger, registry }));
    }
    const server = await listen(app, env.PORT ?? definition.defaultPort, env.HOST);
    const port = (server.address() as AddressInfo).port;
    logger.info({ port }, `${definition.name} listening`);
    const every = typeof definition.every === 'function' ? definition.every(env) : definition.every;
    const tasks = (every ?? []).map((task) =>
      repeat(task, application, logger, { pool, lockName: `denpyo-task:${schema}:${task.name}` }),
    );

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await closeServer(server);
        // A run in hand finishes before the pool it uses closes.
        await Promise.all(tasks.map((task) => task.stop()));
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));
        await relay?.stop();
        for (const close of closers) await close();
        await bus?.close();
        await pool.end();
        logger.info(`${definition.name} stopped`);
      })();
      return stopping;
    };
    return { app, port, url: `http://${env.HOST}:${port}`, runtime, stop };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
}

/** Verifies tokens with the portal's public keys, inline (AUTH_JWKS) or fetched (AUTH_JWKS_URL). */
function publicKeyVerifier(env: ServiceEnv): TokenVerifier {
  if (env.AUTH_JWKS) return createTokenVerifier({ jwks: env.AUTH_JWKS });
  if (env.AUTH_JWKS_URL) return createTokenVerifier({ jwksUrl: env.AUTH_JWKS_URL });
  throw new ConfigError(
    "Invalid configuration:\n  AUTH_JWKS_URL: is not set (nor AUTH_JWKS): the process verifies tokens with the portal's public keys",
  );
}

/**
 * Starts a periodic task; `stop` cancels the next run and waits for the one in hand. A run is
 * skipped while another instance of the service runs the same task (runExclusively).
 */
function repeat<App>(
  task: PeriodicTask<App>,
  application: App,
  logger: Logger,
  exclusive: { pool: Pool; lockName: string },
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = (delayMs = task.intervalMs) => {
    timer = setTimeout(() => {
      running = runExclusively(exclusive.pool, exclusive.lockName, () => task.run(application))
        .then((ran) => {
          if (!ran) logger.debug({ task: task.name }, 'task running in another instance; skipped');
        })
        .catch((error: unknown) => logger.error({ err: error, task: task.name }, 'task failed'))
        .then(() => {
          if (!stopped) schedule();
        });
    }, delayMs);
    // The task alone never keeps the process alive.
    timer.unref();
  };
  schedule(task.firstRunMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * Entry point of a process (src/main.ts): fail-fast config (the common settings and the
 * process's own, every bad variable named in one run), start, stop gracefully on signals.
 */
export async function runService<
  App,
  Ops extends Record<string, OperationDeclaration>,
  Settings extends object,
>(definition: ServiceDefinition<App, Ops, Settings>): Promise<void> {
  const env = loadConfigOrExit(
    z
      .intersection(serviceEnvSchema, definition.settings ?? z.object({}))
      .superRefine(definition.tokenVerifier ? () => undefined : requirePublicKeys),
  ) as ServiceEnv & Settings;
  await runUntilSignalled(definition.name, async () => {
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
    // A setting found wrong only at start (a key that does not load) reads like any other.
    const reason =
      error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
    process.stderr.write(`${name} failed to start: ${reason}\n`);
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
