import { randomUUID } from 'node:crypto';
import { parseConfig, serviceEnvSchema } from '../src/config';
import { createEventBus } from '../src/events/create-event-bus';
import type { DeliveredMessage } from '../src/events/event-bus';
import { KafkaBus } from '../src/events/kafka-bus';
import { kafkaSecurityOf } from '../src/events/kafka-settings';
import { kafkaTestSecurity, waitFor } from '../src/testing';
import { silentLogger } from './event-helpers';

/**
 * Against the local broker's SCRAM listeners (infra/kafka: SASL_PLAINTEXT and SASL_SSL with a
 * self-signed certificate, users and ACLs of acls.json), which `npm test` passes on. Skipped
 * without them, unless REQUIRE_KAFKA=1.
 */
const security = kafkaTestSecurity();

if (!security) {
  process.stderr.write('kafka-security.test: no SCRAM listeners, Kafka security tests skipped\n');
  describe.skip('Kafka with SASL/SCRAM and TLS (needs the local broker)', () => {
    it('authenticates', () => undefined);
  });
} else {
  const { saslBrokers, sslBrokers, caFile, users } = security;
  // The contract service's user writes its topic; the payment service's user reads it (acls.json).
  const CONTRACT_TOPIC = 'denpyo.contract.v1';

  /** The settings a service process would be given (its own user), parsed as it parses them. */
  const serviceEnv = (user: string, overrides: Record<string, string>) =>
    parseConfig(serviceEnvSchema, {
      DATABASE_URL: 'postgresql://denpyo:secret@127.0.0.1:5432/denpyo',
      PUBLIC_URL: 'https://denpyo.city.example.lg.jp',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: user,
      KAFKA_SASL_PASSWORD: users[user] ?? '',
      ...overrides,
    });
  const paymentEnv = (overrides: Record<string, string>) => serviceEnv('payment', overrides);
  const contractEnv = (overrides: Record<string, string>) => serviceEnv('contract', overrides);

  const busFor = (env: ReturnType<typeof serviceEnv>) =>
    createEventBus({
      kafkaBrokers: env.KAFKA_BROKERS,
      kafkaSecurity: kafkaSecurityOf(env),
      databaseUrl: env.DATABASE_URL,
      clientId: 'denpyo-security-test',
      logger: silentLogger,
    });

  /**
   * The contract user publishes one message, the payment user reads it in a group of its own
   * prefix (never the service's group), both with the settings given.
   */
  async function roundTrip(overrides: Record<string, string>): Promise<void> {
    const producer = await busFor(contractEnv(overrides));
    const consumer = await busFor(paymentEnv(overrides));
    const key = randomUUID();
    const seen: DeliveredMessage[] = [];
    try {
      expect(await consumer.isReady()).toBe(true);
      const subscription = await consumer.subscribe({
        groupId: `payment-service-test-${randomUUID()}`,
        topics: [CONTRACT_TOPIC],
        handle: async (message) => {
          if (message.key === key) seen.push(message);
        },
      });
      try {
        await producer.publish([{ topic: CONTRACT_TOPIC, key, value: '{"probe":true}' }]);
        await waitFor(() => seen.length === 1, 30_000, 'the message read back over SCRAM');
      } finally {
        await subscription.stop();
      }
    } finally {
      await Promise.all([producer.close(), consumer.close()]);
    }
  }

  describe('Kafka with SASL/SCRAM and TLS', () => {
    it('publishes and consumes as the service user over SASL_PLAINTEXT', async () => {
      await roundTrip({ KAFKA_BROKERS: saslBrokers.join(',') });
    }, 60_000);

    it('refuses a wrong password', async () => {
      await expect(
        busFor(paymentEnv({ KAFKA_BROKERS: saslBrokers.join(','), KAFKA_SASL_PASSWORD: 'wrong' })),
      ).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    }, 30_000);

    it("refuses a service writing another service's topic (a forged PaymentOrdered)", async () => {
      const bus = await KafkaBus.create({
        brokers: saslBrokers,
        clientId: 'denpyo-security-test',
        logger: silentLogger,
        security: {
          sasl: { mechanism: 'scram-sha-256', username: 'payment', password: users.payment ?? '' },
        },
      });
      try {
        await expect(
          bus.publish([{ topic: 'denpyo.invoice.v1', key: randomUUID(), value: '{}' }]),
        ).rejects.toThrow(/authoriz/i);
      } finally {
        await bus.close();
      }
    }, 30_000);

    it('runs SCRAM over TLS, trusting the configured CA only', async () => {
      await roundTrip({
        KAFKA_BROKERS: sslBrokers.join(','),
        KAFKA_SSL: '1',
        KAFKA_SSL_CA_FILE: caFile,
      });
      // The broker's certificate is self-signed: without the CA file the client refuses it.
      await expect(
        KafkaBus.create({
          brokers: sslBrokers,
          clientId: 'denpyo-security-test',
          logger: silentLogger,
          security: {
            ssl: true,
            sasl: {
              mechanism: 'scram-sha-512',
              username: 'payment',
              password: users.payment ?? '',
            },
          },
        }),
      ).rejects.toThrow(/self-signed certificate/);
    }, 60_000);
  });
}
