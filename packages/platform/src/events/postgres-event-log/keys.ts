import { createHash } from 'node:crypto';

/** One partition of one topic: the unit a consumer group member claims and reads in order. */
export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Stable across processes and versions (unlike PostgreSQL's hashtext), so placement never moves. */
export function partitionForKey(key: string, partitions: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % partitions;
}

/** A 64-bit advisory lock key for the given parts, the same in every process. */
export function advisoryKey(...parts: string[]): bigint {
  return createHash('sha256').update(parts.join('\u0000')).digest().readBigInt64BE(0);
}

/** Names a topic-partition in maps, lock keys and notification payloads. */
export const topicPartitionId = (topic: string, partition: number): string =>
  `${partition}:${topic}`;
