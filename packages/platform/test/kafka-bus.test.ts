import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import type { Pool } from 'pg';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, withTransaction } from '../src/db/pool';
import type { DeliveredMessage, Subscription } from '../src/events/event-bus';
import { KafkaBus } from '../src/events/kafka-bus';
import { appendToOutbox, OutboxRelay } from '../src/events/outbox';
import { kafkaTestBrokers, uniqueSchema, waitFor } from '../src/testing';
import { describeEventBusContract } from './event-bus.contract';
import { silentLogger, testDatabaseUrl, uniqueName } from './event-helpers';

/**
 * Runs against a real broker named by KAFKA_TEST_BROKERS (e.g. `node infra/kafka/kafka.mjs up`,
 * then KAFKA_TEST_BROKERS=127.0.0.1:9092). Without it the suite is skipped, unless
 * REQUIRE_KAFKA=1 (CI), which makes that a failure. The broker-restart test also needs
 * KAFKA_TEST_CONTROL=1 and the local broker on 127.0.0.1:9092, because it stops and starts it.
 */
const brokers = kafkaTestBrokers();
const LOCAL_BROKER = '127.0.0.1:9092';
const mayControlBroker =
  process.env.KAFKA_TEST_CONTROL === '1' && brokers?.length === 1 && brokers[0] === LOCAL_BROKER;
const KAFKA_SCRIPT = join(__dirname, '..', '..', '..', 'infra', 'kafka', 'kafka.mjs');

if (!brokers) {
  process.stderr.write('kafka-bus.test: KAFKA_TEST_BROKERS not set, Kafka tests skipped\n');
  describe.skip('KafkaBus (needs KAFKA_TEST_BROKERS)', () => {
    it('runs against a broker', () => undefined);
  });
} else {
  const kafkaBrokers = brokers;
  const admin = () =>
    new Kafka({
      clientId: 'denpyo-test-admin',
      brokers: kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).admin();

  async function createTopics(topics: string[]): Promise<void> {
    const client = admin();
    await client.connect();
    try {
      await client.createTopics({
        topics: topics.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    } finally {
      await client.disconnect();
    }
  }

  async function deleteTopics(topics: string[]): Promise<void> {
    const client = admin();
    await client.connect();
    try {
      await client.deleteTopics({ topics });
    } finally {
      await client.disconnect();
    }
  }

  describeEventBusContract('KafkaBus', async (topics) => {
    await createTopics(topics);
    const bus = await KafkaBus.create({
      brokers: kafkaBrokers,
      clientId: 'denpyo-contract-test',
      logger: silentLogger,
    });
    return {
      bus,
      async cleanup() {
        await bus.close();
        await deleteTopics(topics);
      },
    };
  });

  describe('KafkaBus topics', () => {
    it('creates a missing topic with EVENT_TOPIC_PARTITIONS partitions, and warns of one with fewer', async () => {
      const missing = uniqueName('created');
      const small = uniqueName('small');
      await createTopics([small]); // 3 partitions
      const warnings: { msg: string; topic?: string }[] = [];
      const logger = pino(
        { level: 'warn' },
        { write: (line: string) => warnings.push(JSON.parse(line)) },
      );
      const bus = await KafkaBus.create({
        brokers: kafkaBrokers,
        clientId: 'denpyo-topics-test',
        logger,
        topicPartitions: 4,
      });
      const client = admin();
      await client.connect();
      try {
        await bus.publish([{ topic: missing, key: 'k', value: 'v' }]);
        const subscription = await bus.subscribe({
          groupId: uniqueName('g'),
          topics: [small],
          handle: async () => undefined,
        });
        await subscription.stop();
        const { topics } = await client.fetchTopicMetadata({ topics: [missing, small] });
        const partitionsOf = (name: string) =>
          topics.find((topic) => topic.name === name)?.partitions.length;
        expect([partitionsOf(missing), partitionsOf(small)]).toEqual([4, 3]);
        // Of the two topics, the one with fewer partitions than configured, once.
        expect(warnings.filter((warning) => warning.topic !== undefined)).toEqual([
          expect.objectContaining({
            topic: small,
            msg: expect.stringContaining('fewer partitions than EVENT_TOPIC_PARTITIONS'),
          }),
        ]);
      } finally {
        await client.disconnect();
        await bus.close();
        await deleteTopics([missing, small]);
      }
    }, 60_000);
  });

  const broker = (command: 'up' | 'down') =>
    promisify(execFile)(process.execPath, [KAFKA_SCRIPT, command], { timeout: 60_000 });

  (mayControlBroker ? describe : describe.skip)('KafkaBus when the broker restarts', () => {
    let pool: Pool;
    let bus: KafkaBus;
    let relay: OutboxRelay;
    let subscription: Subscription | undefined;
    const topic = uniqueName('restart');

    beforeAll(async () => {
      await createTopics([topic]);
      const schema = uniqueSchema('kafka_outbox');
      pool = createPool(testDatabaseUrl(), schema);
      await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
      bus = await KafkaBus.create({
        brokers: kafkaBrokers,
        clientId: 'denpyo-restart-test',
        logger: silentLogger,
      });
      relay = new OutboxRelay({ pool, bus, logger: silentLogger, idleMs: 200 });
    });

    afterAll(async () => {
      await broker('up'); // whatever happened, leave the broker running
      await relay.stop();
      await subscription?.stop();
      await bus.close();
      await pool.end();
      await deleteTopics([topic]);
    });

    const commitEvent = async (n: number) => {
      await withTransaction(pool, (tx) =>
        appendToOutbox(tx, {
          eventId: randomUUID(),
          topic,
          key: 'contract-1',
          envelope: { n },
        }),
      );
      relay.wake();
    };

    it('reports not ready, keeps events in the outbox, and catches up once it is back', async () => {
      const seen: DeliveredMessage[] = [];
      subscription = await bus.subscribe({
        groupId: uniqueName('g'),
        topics: [topic],
        handle: async (message) => {
          seen.push(message);
        },
      });
      relay.start();
      await commitEvent(0);
      await waitFor(() => seen.length === 1, 15_000, 'the first event');

      await broker('down');
      expect(await bus.isReady()).toBe(false);
      for (const n of [1, 2, 3]) await commitEvent(n);
      await waitFor(
        async () => {
          const rows = await pool.query(
            'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND attempts > 0',
          );
          return rows.rows[0].n === 3;
        },
        30_000,
        'a failed publish attempt',
      );
      expect(await relay.pending()).toBe(3);

      await broker('up');
      await waitFor(() => seen.length === 4, 40_000, 'the events committed while it was down');
      expect(seen.map((m) => (JSON.parse(m.value) as { n: number }).n)).toEqual([0, 1, 2, 3]);
      expect(await relay.pending()).toBe(0);
      expect(await bus.isReady()).toBe(true);
    }, 90_000);
  });
}
