/**
 * The one port through which services exchange events. Two adapters implement it and pass the
 * same contract suite (test/event-bus.contract.ts): Kafka (kafkajs) for production and scale-out,
 * and a PostgreSQL event log for a single machine with no broker to install.
 */
export interface BusMessage {
  topic: string;
  /** Partitioning key (the aggregate id): messages with one key are delivered in order. */
  key: string;
  /** The serialised event envelope. */
  value: string;
  headers?: Record<string, string>;
}

export interface DeliveredMessage extends BusMessage {
  partition: number;
  offset: string;
}

export interface SubscribeOptions {
  /** Consumers sharing a group id share the work; each message is handled by one of them. */
  groupId: string;
  topics: string[];
  /**
   * Called once per message, in order per key. Resolving commits the message; rejecting means it
   * is delivered again (the consumer wrapper in consumer.ts adds retries and the dead-letter path).
   */
  handle(message: DeliveredMessage): Promise<void>;
}

export interface Subscription {
  /** Finishes the message in hand, commits it, and stops. */
  stop(): Promise<void>;
}

export interface EventBus {
  /** Resolves once every message is durably stored by the bus (in the order given). */
  publish(messages: BusMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** True when the bus answers now; used by /ready. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
