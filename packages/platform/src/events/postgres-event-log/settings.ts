import type { Logger } from 'pino';

export interface PostgresEventLogOptions {
  databaseUrl: string;
  /** Schema holding the log's tables; every service sharing the bus must use the same one. */
  schema?: string;
  /** Partition count for topics this instance creates first. */
  partitions?: number;
  logger?: Logger;
  /** Safety poll for missed notifications. */
  pollIntervalMs?: number;
  /** How often a subscription re-checks its share of partitions (takeover latency). */
  claimIntervalMs?: number;
  /** Messages read per query. */
  batchSize?: number;
  poolSize?: number;
}

/** The options with their defaults applied, shared by the log, its subscriptions and workers. */
export interface Settings {
  databaseUrl: string;
  schema: string;
  partitions: number;
  logger: Logger;
  pollIntervalMs: number;
  claimIntervalMs: number;
  batchSize: number;
}

/** Ceiling of the backoff between listener reconnects and between redeliveries of a message. */
export const MAX_BACKOFF_MS = 5000;
