import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, withTransaction } from '../src/db/pool';
import type { BusMessage, DeliveredMessage, EventBus, Subscription } from '../src/events/event-bus';
import { appendToOutbox, OutboxRelay } from '../src/events/outbox';
import { PostgresEventLog } from '../src/events/postgres-event-log';
import { uniqueSchema, waitFor } from '../src/testing';
import { range, sequencesByKey, silentLogger, testDatabaseUrl, uniqueName } from './event-helpers';

/** A real bus that is unavailable for its first `failures` publishes. */
class UnavailableAtFirst implements EventBus {
  publishCalls = 0;
  constructor(
    private readonly inner: EventBus,
    private failures: number,
  ) {}
  async publish(messages: BusMessage[]): Promise<void> {
    this.publishCalls += 1;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('broker unavailable');
    }
    await this.inner.publish(messages);
  }
  subscribe: EventBus['subscribe'] = (options) => this.inner.subscribe(options);
  isReady = () => this.inner.isReady();
  close = () => this.inner.close();
}

interface Envelope {
  key: string;
  n: number;
}

describe('outbox relay', () => {
  let pool: Pool;
  let bus: PostgresEventLog;
  let topic: string;
  let seen: Envelope[];
  let subscription: Subscription;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    const schema = uniqueSchema('outbox');
    pool = createPool(testDatabaseUrl(), schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
    bus = await PostgresEventLog.start({
      databaseUrl: testDatabaseUrl(),
      schema: uniqueSchema('evlog'),
      logger: silentLogger,
    });
    topic = uniqueName('outbox');
    seen = [];
    subscription = await bus.subscribe({
      groupId: 'g',
      topics: [topic],
      handle: async (message: DeliveredMessage) => {
        seen.push(JSON.parse(message.value) as Envelope);
      },
    });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await subscription.stop();
    await bus.close();
    await pool.end();
  });

  const relay = (options: { bus?: EventBus; batchSize?: number; idleMs?: number } = {}) => {
    const created = new OutboxRelay({ pool, bus, logger: silentLogger, idleMs: 100, ...options });
    relays.push(created);
    return created;
  };

  /** Commits one event per transaction, as services do, `n` counting per key. */
  async function commitEvents(keys: string[], perKey: number, from = 0): Promise<void> {
    for (const n of range(perKey).map((i) => i + from)) {
      for (const key of keys) {
        await withTransaction(pool, (tx) =>
          appendToOutbox(tx, { eventId: randomUUID(), topic, key, envelope: { key, n } }),
        );
      }
    }
  }

  const unpublishedWithAttempts = async () =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND attempts > 0 AND last_error LIKE '%broker unavailable%'`,
      )
    ).rows[0].n;

  function expectEachOnceInOrder(keys: string[], perKey: number): void {
    expect(seen).toHaveLength(keys.length * perKey);
    const byKey = sequencesByKey(seen.map(({ key, n }) => ({ id: `${key}#${n}`, key, seq: n })));
    for (const key of keys) expect(byKey.get(key)).toEqual(range(perKey));
  }

  it('publishes committed rows in seq order and marks them published', async () => {
    const keys = ['contract-a', 'contract-b', 'contract-c'];
    await commitEvents(keys, 10);
    const outbox = relay({ batchSize: 7 });
    expect(await outbox.pending()).toBe(30);

    await outbox.drain();
    expect(await outbox.pending()).toBe(0);
    await waitFor(() => seen.length === 30, 15_000, 'all events');
    expectEachOnceInOrder(keys, 10);
    const attempts = await pool.query('SELECT DISTINCT attempts FROM outbox');
    expect(attempts.rows).toEqual([{ attempts: 1 }]);
  });

  it('publishes soon after wake() while running, not at its next idle poll', async () => {
    const outbox = relay({ idleMs: 60_000 });
    outbox.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const committed = Date.now();
    await commitEvents(['contract-a'], 1);
    outbox.wake();
    await waitFor(() => seen.length === 1, 10_000, 'the event');
    // Generous for a loaded CI machine, yet far below the 60 s poll it would otherwise wait for.
    expect(Date.now() - committed).toBeLessThan(5_000);
  });

  it('keeps rows while the bus fails and retries them in the same order', async () => {
    const keys = ['contract-a', 'contract-b'];
    const flaky = new UnavailableAtFirst(bus, 3);
    await commitEvents(keys, 5);
    const outbox = relay({ bus: flaky, batchSize: 4 });
    await expect(outbox.drain()).rejects.toThrow('broker unavailable');
    expect(await unpublishedWithAttempts()).toBe(4); // the first batch, nothing skipped ahead

    outbox.start();
    await commitEvents(keys, 5, 5); // more events while it is failing
    outbox.wake();
    await waitFor(async () => (await outbox.pending()) === 0, 10_000, 'the outbox to empty');
    await waitFor(() => seen.length === 20, 15_000, 'all events');

    expect(flaky.publishCalls).toBeGreaterThan(3);
    expectEachOnceInOrder(keys, 10);
    const firstBatch = await pool.query(
      'SELECT attempts, last_error FROM outbox ORDER BY seq LIMIT 4',
    );
    expect(firstBatch.rows).toEqual(range(4).map(() => ({ attempts: 4, last_error: null })));
  });

  it('publishes each row once when several relays run at the same time', async () => {
    const keys = range(5).map((i) => `contract-${i}`);
    const relaysInParallel = [
      relay({ batchSize: 8 }),
      relay({ batchSize: 5 }),
      relay({ batchSize: 3 }),
    ];
    for (const outbox of relaysInParallel) outbox.start();
    await Promise.all([
      commitEvents(keys.slice(0, 3), 20),
      commitEvents(keys.slice(3), 20),
      ...relaysInParallel.map(async (outbox) => {
        for (let i = 0; i < 10; i += 1) {
          outbox.wake();
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      }),
    ]);
    await Promise.all(relaysInParallel.map((outbox) => outbox.drain()));
    await waitFor(() => seen.length >= 100, 15_000, 'all events');
    await new Promise((resolve) => setTimeout(resolve, 200)); // would-be duplicates show up

    expectEachOnceInOrder(keys, 20);
  });
});
