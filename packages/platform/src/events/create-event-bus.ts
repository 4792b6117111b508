import type { Logger } from 'pino';
import type { EventBus } from './event-bus';
import { KafkaBus } from './kafka-bus';
import type { KafkaSecurity } from './kafka-settings';
import { PostgresEventLog } from './postgres-event-log';

export interface EventBusConfig {
  /** KAFKA_BROKERS: when set, the bus is Kafka; otherwise the PostgreSQL event log. */
  kafkaBrokers?: string[];
  /** KAFKA_SASL_* and KAFKA_SSL*: the service's own Kafka user, TLS (see kafkaSecurityOf). */
  kafkaSecurity?: KafkaSecurity;
  /** Database of the event log; every service sharing the bus must point at the same one. */
  databaseUrl: string;
  /** Schema of the event log (EVENT_LOG_SCHEMA), `eventlog` by default. */
  eventLogSchema?: string;
  /** Partitions of each topic the bus creates (EVENT_TOPIC_PARTITIONS), 3 by default. */
  topicPartitions?: number;
  clientId: string;
  logger: Logger;
}

export async function createEventBus(config: EventBusConfig): Promise<EventBus> {
  if (config.kafkaBrokers && config.kafkaBrokers.length > 0) {
    const security = config.kafkaSecurity ?? {};
    config.logger.info(
      {
        brokers: config.kafkaBrokers,
        sasl: security.sasl ? `${security.sasl.mechanism} as ${security.sasl.username}` : 'none',
        tls: Boolean(security.ssl),
      },
      'event bus: Kafka',
    );
    return KafkaBus.create({
      brokers: config.kafkaBrokers,
      clientId: config.clientId,
      logger: config.logger,
      security,
      ...(config.topicPartitions ? { topicPartitions: config.topicPartitions } : {}),
    });
  }
  config.logger.info({ schema: config.eventLogSchema ?? 'eventlog' }, 'event bus: PostgreSQL log');
  return PostgresEventLog.start({
    databaseUrl: config.databaseUrl,
    schema: config.eventLogSchema,
    logger: config.logger,
    ...(config.topicPartitions ? { partitions: config.topicPartitions } : {}),
  });
}
