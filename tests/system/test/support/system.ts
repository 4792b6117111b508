import { startService, type RunningService, type ServiceEnv } from '@denpyo/platform';
import { testServiceEnv, uniqueSchema } from '@denpyo/platform/testing';
import { contractService } from '@denpyo/contract';
import { invoiceService } from '@denpyo/invoice';
import { paymentEnvSchema, paymentService } from '@denpyo/payment';
import { portalService, withPortalDefaults } from '@denpyo/portal';

export interface SystemOptions {
  kafkaBrokers?: string[];
  /** DENPYO_TODAY for every process: the system's date (the wall clock's when absent). */
  today?: string;
}

export interface RunningSystem {
  portal: RunningService;
  services: RunningService[];
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
  const envs = {
    contract: testServiceEnv('contract', common),
    invoice: testServiceEnv('invoice', common),
    payment: testServiceEnv('payment', common),
    portal: testServiceEnv('portal', { DEMO_MODE: true }),
  };
  const dated = (env: ServiceEnv, today: string | undefined): ServiceEnv => ({
    ...env,
    DENPYO_TODAY: today,
  });

  async function start(today: string | undefined) {
    const services = await Promise.all([
      startService(contractService, dated(envs.contract, today)),
      startService(invoiceService, dated(envs.invoice, today)),
      // The payment service with its demo 依頼人 account (the settings' defaults).
      startService(paymentService, {
        ...dated(envs.payment, today),
        ...paymentEnvSchema.parse({}),
      }),
    ]);
    const [contract, invoice, payment] = services;
    const portal = await startService(
      portalService,
      withPortalDefaults({
        ...dated(envs.portal, today),
        CONTRACT_URL: contract!.url,
        INVOICE_URL: invoice!.url,
        PAYMENT_URL: payment!.url,
      }),
    );
    return { portal, services };
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
    async restart({ today }) {
      await stopAll();
      running = await start(today);
    },
    stop: stopAll,
  };
}
