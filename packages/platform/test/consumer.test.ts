import { Registry } from 'prom-client';
import {
  deadLetterMessage,
  PermanentError,
  RefusedEvent,
  subscribeWithRetry,
} from '../src/events/consumer';
import { deadLetterTopic, type DeliveredMessage, type Subscription } from '../src/events/event-bus';
import { PostgresEventLog } from '../src/events/postgres-event-log';
import { uniqueSchema, waitFor } from '../src/testing';
import { silentLogger, testDatabaseUrl, uniqueName } from './event-helpers';

describe('subscribeWithRetry', () => {
  let bus: PostgresEventLog;
  let topic: string;
  let registry: Registry;
  let deadLetters: DeliveredMessage[];
  const subscriptions: Subscription[] = [];

  beforeEach(async () => {
    bus = await PostgresEventLog.start({
      databaseUrl: testDatabaseUrl(),
      schema: uniqueSchema('evlog'),
      logger: silentLogger,
    });
    topic = uniqueName('orders');
    registry = new Registry();
    deadLetters = [];
    subscriptions.push(
      await bus.subscribe({
        groupId: 'dlq-reader',
        topics: [deadLetterTopic(topic)],
        handle: async (message) => {
          deadLetters.push(message);
        },
      }),
    );
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
    await bus.close();
  });

  async function subscribe(
    handle: (message: DeliveredMessage) => Promise<void>,
    groupId = 'invoice-projection',
  ): Promise<Subscription> {
    const subscription = await subscribeWithRetry(bus, {
      groupId,
      topics: [topic],
      handle,
      maxAttempts: 3,
      backoffMs: 10,
      logger: silentLogger,
      registry,
    });
    subscriptions.push(subscription);
    return subscription;
  }

  const deadLetterCount = async () =>
    (await registry.getSingleMetric('denpyo_dead_letters_total')?.get())?.values ?? [];

  it('retries a failing message, then dead-letters it with its origin and moves on', async () => {
    const attempts: string[] = [];
    await subscribe(async (message) => {
      attempts.push(message.value);
      if (message.value === 'poison') throw new Error('amount does not match the contract');
    });
    await bus.publish([
      { topic, key: 'invoice-1', value: 'poison', headers: { 'x-trace': 't1' } },
      { topic, key: 'invoice-1', value: 'fine' },
    ]);
    await waitFor(() => attempts.includes('fine'), 15_000, 'the next message of the key');
    await waitFor(() => deadLetters.length === 1, 15_000, 'the dead letter');

    expect(attempts).toEqual(['poison', 'poison', 'poison', 'fine']);
    const [letter] = deadLetters;
    expect(letter).toMatchObject({
      key: 'invoice-1',
      value: 'poison',
      headers: {
        'x-trace': 't1',
        'x-error': 'Error: amount does not match the contract',
        'x-original-topic': topic,
        'x-attempts': '3',
      },
    });
    expect(letter.headers?.['x-original-partition']).toMatch(/^\d$/);
    expect(letter.headers?.['x-original-offset']).toBe('0');
    expect(await deadLetterCount()).toEqual([
      expect.objectContaining({ value: 1, labels: { topic, group: 'invoice-projection' } }),
    ]);
  });

  it('dead-letters a PermanentError at once', async () => {
    let calls = 0;
    await subscribe(async () => {
      calls += 1;
      throw new PermanentError('Unreadable event: Unexpected token');
    });
    await bus.publish([{ topic, key: 'k', value: '{not json' }]);
    await waitFor(() => deadLetters.length === 1, 15_000, 'the dead letter');
    expect(calls).toBe(1);
    expect(deadLetters[0].headers).toMatchObject({
      'x-error': 'PermanentError: Unreadable event: Unexpected token',
      'x-attempts': '1',
    });
  });

  it('dead-letters a refused event at once, with the refusal in its own headers', async () => {
    let calls = 0;
    await subscribe(async () => {
      calls += 1;
      throw new RefusedEvent('PaymentOrdered e-1 refused: vendor v-2 is not the vendor v-1');
    });
    await bus.publish([{ topic, key: 'invoice-9', value: '{"id":"e-1"}' }]);
    await waitFor(() => deadLetters.length === 1, 15_000, 'the dead letter');
    expect(calls).toBe(1);
    expect(deadLetters[0]).toMatchObject({
      key: 'invoice-9',
      value: '{"id":"e-1"}',
      headers: {
        'x-error': 'RefusedEvent: PaymentOrdered e-1 refused: vendor v-2 is not the vendor v-1',
        'x-refusal-code': 'unprocessable',
        'x-refusal-reason': 'PaymentOrdered e-1 refused: vendor v-2 is not the vendor v-1',
        'x-original-topic': topic,
        'x-attempts': '1',
      },
    });
  });

  it('builds the dead letter of a message kept back, whose offset is no longer known', () => {
    const letter = deadLetterMessage(
      { topic: 'denpyo.invoice.v1', key: 'k', value: 'v' },
      new RefusedEvent('too late', 'conflict'),
      1,
    );
    expect(letter).toEqual({
      topic: 'denpyo.invoice.v1.dlq',
      key: 'k',
      value: 'v',
      headers: {
        'x-error': 'RefusedEvent: too late',
        'x-original-topic': 'denpyo.invoice.v1',
        'x-attempts': '1',
        'x-refusal-code': 'conflict',
        'x-refusal-reason': 'too late',
      },
    });
  });

  it('handles a message that succeeds within its attempts, without a dead letter', async () => {
    const handled: string[] = [];
    let failures = 0;
    await subscribe(async (message) => {
      if (failures < 2) {
        failures += 1;
        throw new Error('database busy');
      }
      handled.push(message.value);
    });
    await bus.publish([{ topic, key: 'k', value: 'v' }]);
    await waitFor(() => handled.length === 1, 15_000, 'the message');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(deadLetters).toEqual([]);
    expect(await deadLetterCount()).toEqual([]);
  });

  it('keeps retrying while a dependency is down, however long, and never dead-letters that', async () => {
    const handled: string[] = [];
    let outages = 0;
    await subscribe(async (message) => {
      if (outages < 6) {
        outages += 1; // twice the retry budget of 3
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
          code: 'ECONNREFUSED',
        });
      }
      handled.push(message.value);
    });
    await bus.publish([{ topic, key: 'k', value: 'payment order' }]);
    await waitFor(() => handled.length === 1, 15_000, 'the message');
    expect(outages).toBe(6);
    expect(deadLetters).toEqual([]);
    expect(await deadLetterCount()).toEqual([]);
  });

  it('stops without waiting out the backoff, leaving the message for the next consumer', async () => {
    const subscription = await subscribeWithRetry(bus, {
      groupId: 'slow-retries',
      topics: [topic],
      handle: async () => {
        throw new Error('always failing');
      },
      maxAttempts: 3,
      backoffMs: 60_000,
      logger: silentLogger,
      registry,
    });
    await bus.publish([{ topic, key: 'k', value: 'kept' }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(10_000); // the backoff it cut short is 60 s

    const handled: string[] = [];
    await subscribe(async (message) => {
      handled.push(message.value);
    }, 'slow-retries');
    await waitFor(() => handled.length === 1, 15_000, 'the message again');
    expect(deadLetters).toEqual([]);
  });
});
