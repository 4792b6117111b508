import { startService, type RunningService } from '@denpyo/platform';
import { testServiceEnv, uniqueSchema } from '@denpyo/platform/testing';
import { contractService } from '@denpyo/contract';
import { invoiceService } from '@denpyo/invoice';
import { paymentEnvSchema, paymentService } from '@denpyo/payment';
import { portalService, withPortalDefaults } from '@denpyo/portal';

export interface RunningSystem {
  portal: RunningService;
  services: RunningService[];
  stop(): Promise<void>;
}

/**
 * The whole system in this process, as `npm start` runs it in four: every service on the jest
 * run's database in its own schema, events through the given Kafka brokers or else a PostgreSQL
 * event log shared by the services, and the portal in demo mode in front.
 */
export async function startSystem(
  options: { kafkaBrokers?: string[] } = {},
): Promise<RunningSystem> {
  const eventLogSchema = uniqueSchema('eventlog');
  const envFor = (name: string) =>
    testServiceEnv(name, { EVENT_LOG_SCHEMA: eventLogSchema, KAFKA_BROKERS: options.kafkaBrokers });
  const services = await Promise.all([
    startService(contractService, envFor('contract')),
    startService(invoiceService, envFor('invoice')),
    // The payment service with its demo 依頼人 account (the settings' defaults).
    startService(paymentService, { ...envFor('payment'), ...paymentEnvSchema.parse({}) }),
  ]);
  const [contract, invoice, payment] = services;
  const portal = await startService(
    portalService,
    withPortalDefaults({
      ...testServiceEnv('portal'),
      DEMO_MODE: true,
      CONTRACT_URL: contract!.url,
      INVOICE_URL: invoice!.url,
      PAYMENT_URL: payment!.url,
    }),
  );
  return {
    portal,
    services,
    async stop() {
      await portal.stop();
      await Promise.all(services.map((service) => service.stop()));
    },
  };
}
