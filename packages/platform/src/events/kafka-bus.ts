import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type EachMessagePayload,
  type IHeaders,
  type logCreator,
  type Message,
  type Producer,
} from 'kafkajs';
import pino, { type Logger } from 'pino';
import type { BusMessage, EventBus, SubscribeOptions, Subscription } from './event-bus';
import type { KafkaSecurity } from './kafka-settings';
import { withTimeout } from './timing';

/**
 * The event bus on Apache Kafka (kafkajs), for production and scale-out.
 *
 * - Broker auto-creation is off: the bus checks each topic with the admin client before its
 *   first publish or subscribe, and creates a missing one with `topicPartitions` partitions
 *   (EVENT_TOPIC_PARTITIONS). Deployments create them beforehand (infra/kafka/topics.json),
 *   so a service's user needs no right to create topics. A topic with fewer partitions than
 *   configured is left as it is, with a warning: adding partitions moves keys to other
 *   partitions, so events of one aggregate in flight could be handled out of order.
 * - Ordering per aggregate: the outbox gives each message its aggregate id as key, the
 *   producer's partitioner maps a key to one partition, and one member of a group at a time
 *   reads a partition, so instances of a service share the work without reordering it.
 * - The producer is idempotent with one request in flight, so retries never reorder or
 *   duplicate messages of a partition; every send waits for all in-sync replicas.
 * - Each subscribe() is one kafkajs consumer in the group; a new group starts at the beginning.
 *   Offsets are committed only for messages whose handler resolved (kafkajs resolves an offset
 *   after eachMessage returns and commits resolved offsets at the end of each batch, on rebalance
 *   and on stop), so a crash before that leads to redelivery.
 * - When the broker goes away, consumers retry for ever with capped backoff and the producer's
 *   sends fail (the outbox relay retries them); both reconnect by themselves when it is back.
 * - With `security`, every connection (producer, consumers, admin) authenticates with the
 *   service's own SASL/SCRAM user and/or runs over TLS (KAFKA_SASL_*, KAFKA_SSL*).
 */
export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger?: Logger;
  /** SASL/SCRAM credentials and TLS; none for a PLAINTEXT listener. */
  security?: KafkaSecurity;
  /** Partitions of a topic this bus has to create (default 3). */
  topicPartitions?: number;
}

const RETRY_BACKOFF = { initialRetryTime: 300, maxRetryTime: 5000 };
const READY_TIMEOUT_MS = 2000;
const DEFAULT_TOPIC_PARTITIONS = 3;

export class KafkaBus implements EventBus {
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Topics checked (or being checked) with the admin client; a failed check is tried again. */
  private readonly checkedTopics = new Map<string, Promise<void>>();

  private constructor(
    private readonly kafka: Kafka,
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly logger: Logger,
    private readonly topicPartitions: number,
  ) {}

  static async create(options: KafkaBusOptions): Promise<KafkaBus> {
    const logger = options.logger ?? pino({ level: 'warn' });
    const kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ...(options.security?.sasl ? { sasl: options.security.sasl } : {}),
      ...(options.security?.ssl ? { ssl: options.security.ssl } : {}),
      // A TLS handshake and a SCRAM exchange take a few round trips more than a bare connect.
      connectionTimeout: options.security?.ssl || options.security?.sasl ? 3000 : 1000,
      requestTimeout: 10_000,
      retry: { initialRetryTime: 300, maxRetryTime: 2000, retries: 2 },
      logLevel: logLevel.WARN,
      logCreator: pinoLogCreator(logger),
    });
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // A send fails within ~2 s when the broker is away; the outbox relay retries it later.
      retry: { initialRetryTime: 300, maxRetryTime: 2000, retries: 3 },
      // The Java client's murmur2 placement, so other Kafka clients agree on partitions.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    // isReady must answer fast, so the admin client does not retry.
    const admin = kafka.admin({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await admin.connect();
    } catch (error) {
      await producer.disconnect();
      throw error;
    }
    return new KafkaBus(
      kafka,
      producer,
      admin,
      logger,
      options.topicPartitions ?? DEFAULT_TOPIC_PARTITIONS,
    );
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    const byTopic = new Map<string, Message[]>();
    for (const { topic, key, value, headers } of messages) {
      const list = byTopic.get(topic) ?? [];
      list.push({ key, value, headers });
      byTopic.set(topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })),
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureTopics(options.topics);
    const subscription = new KafkaSubscription(this.kafka, options, this.logger, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      await subscription.stop();
      throw error;
    }
    return subscription;
  }

  async isReady(): Promise<boolean> {
    try {
      await withTimeout(this.admin.describeCluster(), READY_TIMEOUT_MS, 'Kafka describeCluster');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  /** Resolves once every topic exists (checked once per topic, created when missing). */
  private async ensureTopics(topics: string[]): Promise<void> {
    const unchecked = [...new Set(topics)].filter((topic) => !this.checkedTopics.has(topic));
    if (unchecked.length > 0) {
      const check = this.createOrCheckTopics(unchecked);
      for (const topic of unchecked) this.checkedTopics.set(topic, check);
      check.catch(() => {
        for (const topic of unchecked) this.checkedTopics.delete(topic);
      });
    }
    await Promise.all(topics.map((topic) => this.checkedTopics.get(topic)));
  }

  private async createOrCheckTopics(topics: string[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // False when another instance created them first: fine, they exist.
      await this.admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: this.topicPartitions })),
        waitForLeaders: true,
      });
      this.logger.info({ topics: missing, partitions: this.topicPartitions }, 'created topics');
    }
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length === 0) return;
    const metadata = await this.admin.fetchTopicMetadata({ topics: present });
    for (const { name, partitions } of metadata.topics) {
      if (partitions.length < this.topicPartitions) {
        this.logger.warn(
          { topic: name, partitions: partitions.length, configured: this.topicPartitions },
          'topic has fewer partitions than EVENT_TOPIC_PARTITIONS: at most that many instances of a group share it (add partitions only while no events are in flight)',
        );
      }
    }
  }
}

/** A handler failure, always retriable for kafkajs (it gives up for good on e.g. a TypeError). */
class HandlerFailed extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'HandlerFailed';
  }
}

class KafkaSubscription implements Subscription {
  private consumer: Consumer | undefined;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SubscribeOptions,
    private readonly logger: Logger,
    private readonly forget: () => void,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
      // Never give up on the broker: back off up to 5 s between attempts until it is back.
      retry: { ...RETRY_BACKOFF, retries: Number.MAX_SAFE_INTEGER },
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.restartLater(consumer, payload.error);
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await consumer.run({ autoCommit: true, eachMessage: (payload) => this.deliver(payload) });
  }

  /** kafkajs restarts a consumer after retriable crashes itself; this covers the rest. */
  private restartLater(crashed: Consumer, error: Error): void {
    if (this.stopped || this.consumer !== crashed) return;
    this.logger.error(
      { err: error, groupId: this.options.groupId },
      'Kafka consumer crashed; recreating it',
    );
    this.restartTimer = setTimeout(() => {
      crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => (this.stopped ? undefined : this.start()))
        .catch((restartError: Error) => this.restartLater(this.consumer as Consumer, restartError));
    }, RETRY_BACKOFF.maxRetryTime);
  }

  private async deliver({ topic, partition, message }: EachMessagePayload): Promise<void> {
    try {
      await this.options.handle({
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        headers: stringHeaders(message.headers),
      });
    } catch (error) {
      throw new HandlerFailed(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    // kafkajs lets the message in hand finish, commits resolved offsets, then leaves the group.
    await this.consumer?.disconnect();
    this.forget();
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = (Array.isArray(value) ? value[value.length - 1] : value).toString();
  }
  return result;
}

/** Routes kafkajs logs (warn and error only) into the service's pino logger. */
function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...extra } = log;
      const fields = { ...extra, namespace: `kafkajs.${namespace}` };
      if (level === logLevel.ERROR) logger.error(fields, message);
      else if (level === logLevel.WARN) logger.warn(fields, message);
    };
}
