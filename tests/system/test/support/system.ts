import request from 'supertest';
import {
  provisionDatabase,
  serviceMigrations,
  startService,
  type RunningService,
  type ServiceEnv,
} from '@denpyo/platform';
import { testServiceEnv, uniqueSchema } from '@denpyo/platform/testing';
import { contractService } from '@denpyo/contract';
import { invoiceService } from '@denpyo/invoice';
import {
  DEMO_REQUESTER_ENV,
  paymentEnvSchema,
  paymentService,
  type PaymentEnv,
} from '@denpyo/payment';
import { portalService, withPortalDefaults } from '@denpyo/portal';

export interface SystemOptions {
  kafkaBrokers?: string[];
  /** More settings of a domain service, e.g. its own Kafka user (KAFKA_SASL_*, KAFKA_SSL*). */
  serviceSettings?: (name: 'contract' | 'invoice' | 'payment') => Partial<ServiceEnv>;
  /** The payment service's own settings (mail, …), over the defaults and the demo 依頼人. */
  paymentSettings?: Partial<PaymentEnv>;
  /** DENPYO_TODAY for every process: the system's date (the wall clock's when absent). */
  today?: string;
  /**
   * Each service on its own database role (db/roles.ts), as `npm start` and compose run them,
   * the portal anchoring the audit chains; false runs them all as the test superuser. Default true.
   */
  databaseRoles?: boolean;
  /**
   * Instances of each service (contract, invoice, payment), each with its own pool, bus
   * connections and periodic tasks, as `DENPYO_INSTANCES` runs them; the portal balances across
   * them. Default 1.
   */
  instances?: number;
}

/** How the system's database is set up when it runs on roles: for tests that look underneath. */
export interface SystemDatabase {
  /** Each process's schema, by process name. */
  schemas: Record<'portal' | 'contract' | 'invoice' | 'payment', string>;
  /** The anchor role's URL (anchors the chain heads: anchorAuditTrails). */
  anchorUrl: string;
  /** Each service role's URL, by process name. */
  roleUrls: Record<string, string>;
}

type DomainService = 'contract' | 'invoice' | 'payment';

export interface RunningSystem {
  portal: RunningService;
  /** Every instance of contract, invoice and payment, in that order. */
  services: RunningService[];
  /** The instances of each service. */
  instances: Record<DomainService, RunningService[]>;
  /** Set when the services run on their own roles (the default). */
  database?: SystemDatabase;
  /**
   * Stops every process and starts it again on the same data, as a restart of `npm start` with
   * another DENPYO_TODAY would: the way tests move the system's date forward.
   */
  restart(options: { today?: string }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole system in this process, as `npm start` runs it in four: every service on the jest
 * run's database in its own schema, events through the given Kafka brokers or else a PostgreSQL
 * event log shared by the services, and the portal in demo mode in front.
 */
export async function startSystem(options: SystemOptions = {}): Promise<RunningSystem> {
  const eventLogSchema = uniqueSchema('eventlog');
  const common = { EVENT_LOG_SCHEMA: eventLogSchema, KAFKA_BROKERS: options.kafkaBrokers };
  const settings = (name: 'contract' | 'invoice' | 'payment') => ({
    ...common,
    ...options.serviceSettings?.(name),
  });
  const envs = {
    contract: testServiceEnv('contract', settings('contract')),
    invoice: testServiceEnv('invoice', settings('invoice')),
    payment: testServiceEnv('payment', settings('payment')),
    portal: testServiceEnv('portal', { DEMO_MODE: true }),
  };
  const database =
    options.databaseRoles === false ? undefined : await provisionRoles(envs, eventLogSchema);
  const dated = (env: ServiceEnv, today: string | undefined): ServiceEnv => ({
    ...env,
    DENPYO_TODAY: today,
  });

  async function start(today: string | undefined) {
    const count = options.instances ?? 1;
    const startEach = <Env extends ServiceEnv>(start: () => Promise<RunningService<Env>>) =>
      Promise.all(Array.from({ length: count }, start));
    const [contract, invoice, payment] = await Promise.all([
      startEach(() => startService(contractService, dated(envs.contract, today))),
      startEach(() => startService(invoiceService, dated(envs.invoice, today))),
      // The payment service with the demo 依頼人 account (given explicitly: it is not in demo mode).
      startEach(() =>
        startService(paymentService, {
          ...dated(envs.payment, today),
          ...paymentEnvSchema.parse(DEMO_REQUESTER_ENV),
          ...options.paymentSettings,
        }),
      ),
    ]);
    const instances = { contract, invoice, payment } as Record<DomainService, RunningService[]>;
    const services = [...contract, ...invoice, ...payment] as RunningService[];
    const urls = (list: RunningService[]) => list.map((service) => service.url).join(',');
    const portal = await startService(
      portalService,
      withPortalDefaults({
        ...dated(envs.portal, today),
        CONTRACT_URL: urls(instances.contract),
        INVOICE_URL: urls(instances.invoice),
        PAYMENT_URL: urls(instances.payment),
        // scrypt at N = 2^10 keeps the suites fast; outside tests the portal refuses below 2^17.
        PASSWORD_SCRYPT_LOG_N: 10,
      }),
    );
    return { portal, services, instances };
  }

  let running = await start(options.today);
  const stopAll = async () => {
    await running.portal.stop();
    await Promise.all(running.services.map((service) => service.stop()));
  };
  return {
    get portal() {
      return running.portal;
    },
    get services() {
      return running.services;
    },
    get instances() {
      return running.instances;
    },
    ...(database ? { database } : {}),
    async restart({ today }) {
      await stopAll();
      running = await start(today);
    },
    stop: stopAll,
  };
}

/**
 * Creates this system's roles (a prefix of its own: roles are cluster-wide and test files run in
 * parallel), migrates every schema as the owner role, and points each process at its own role;
 * the portal gets the anchor role for anchoring the audit chains.
 */
async function provisionRoles(
  envs: Record<'portal' | 'contract' | 'invoice' | 'payment', ServiceEnv & Record<string, unknown>>,
  eventLogSchema: string,
): Promise<SystemDatabase> {
  const schemas = {
    portal: envs.portal.DB_SCHEMA!,
    contract: envs.contract.DB_SCHEMA!,
    invoice: envs.invoice.DB_SCHEMA!,
    payment: envs.payment.DB_SCHEMA!,
  };
  const migrationsDirs = {
    portal: portalService.migrationsDir,
    contract: contractService.migrationsDir,
    invoice: invoiceService.migrationsDir,
    payment: paymentService.migrationsDir,
  };
  const provisioned = await provisionDatabase(process.env.TEST_DATABASE_URL ?? '', {
    prefix: uniqueSchema('denpyo'),
    eventLogSchema,
    services: (['portal', 'contract', 'invoice', 'payment'] as const).map((name) => ({
      name,
      schema: schemas[name],
      migrations: serviceMigrations(migrationsDirs[name]),
      usesEventLog: name !== 'portal',
    })),
  });
  const roleUrls: Record<string, string> = {};
  for (const name of ['portal', 'contract', 'invoice', 'payment'] as const) {
    roleUrls[name] = provisioned.services[name]!.url;
    envs[name].DATABASE_URL = roleUrls[name];
  }
  envs.portal.AUDIT_ANCHOR_URL = provisioned.anchor.url;
  envs.portal.AUDIT_ANCHOR_TRAILS = Object.values(schemas);
  return { schemas, anchorUrl: provisioned.anchor.url, roleUrls };
}

/** Signs demo users in through the portal (password `demo`): their access tokens by username. */
export async function signInDemoUsers(
  system: RunningSystem,
  users: readonly string[],
): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const user of users) {
    const login = await request(system.portal.app)
      .post('/api/auth/login')
      .send({ username: user, password: 'demo' })
      .expect(200);
    tokens[user] = (login.body as { token: string }).token;
  }
  return tokens;
}
