import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DeliveredMessage } from '../src/events/event-bus';

/** Shared by the event tests: the database from jest's globalSetup, recording. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by the jest globalSetup');
  return url;
}

export const silentLogger = pino({ level: 'silent' });

export const uniqueName = (prefix: string): string =>
  `${prefix}-${randomUUID().replace(/-/g, '').slice(0, 12)}`;

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The test messages' value: which key and the position within that key. */
export interface Numbered {
  id: string;
  key: string;
  seq: number;
}

export const numberedValue = (key: string, seq: number): string =>
  JSON.stringify({ id: `${key}#${seq}`, key, seq });

export const readNumbered = (message: DeliveredMessage): Numbered =>
  JSON.parse(message.value) as Numbered;

/** Per key, the sequence numbers in the order they were seen. */
export function sequencesByKey(values: Numbered[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const { key, seq } of values) byKey.set(key, [...(byKey.get(key) ?? []), seq]);
  return byKey;
}

export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
