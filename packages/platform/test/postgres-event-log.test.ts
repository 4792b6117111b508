import type { DeliveredMessage, Subscription } from '../src/events/event-bus';
import { partitionForKey, PostgresEventLog } from '../src/events/postgres-event-log';
import { uniqueSchema, waitFor } from '../src/testing';
import { describeEventBusContract } from './event-bus.contract';
import {
  numberedValue,
  range,
  readNumbered,
  sequencesByKey,
  silentLogger,
  testDatabaseUrl,
  uniqueName,
} from './event-helpers';

const startLog = (schema: string, options: { pollIntervalMs?: number } = {}) =>
  PostgresEventLog.start({
    databaseUrl: testDatabaseUrl(),
    schema,
    claimIntervalMs: 200,
    logger: silentLogger,
    ...options,
  });

describeEventBusContract('PostgresEventLog', async () => {
  const bus = await startLog(uniqueSchema('evlog'));
  return { bus, cleanup: () => bus.close() };
});

describe('PostgresEventLog', () => {
  const closing: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });

  async function log(schema: string, options: { pollIntervalMs?: number } = {}) {
    const bus = await startLog(schema, options);
    closing.push(() => bus.close());
    return bus;
  }

  function record(seen: DeliveredMessage[]) {
    return async (message: DeliveredMessage) => {
      seen.push(message);
    };
  }

  it('wakes a consumer by notification, not by polling', async () => {
    const bus = await log(uniqueSchema('evlog'), { pollIntervalMs: 60_000 });
    const topic = uniqueName('wake');
    const arrivals: number[] = [];
    const subscription = await bus.subscribe({
      groupId: 'g',
      topics: [topic],
      handle: async () => {
        arrivals.push(Date.now());
      },
    });
    closing.push(() => subscription.stop());
    await new Promise((resolve) => setTimeout(resolve, 300)); // the workers are idle now

    const latencies: number[] = [];
    for (const i of range(3)) {
      const sent = Date.now();
      await bus.publish([{ topic, key: `k${i}`, value: 'ping' }]);
      await waitFor(() => arrivals.length === i + 1, 10_000, 'the message');
      latencies.push(arrivals[i] - sent);
    }
    // NOTIFY, not the 60 s safety poll: generous for a loaded CI machine, yet far below it.
    expect(Math.max(...latencies)).toBeLessThan(3_000);
  });

  it('hands the partitions of a stopped instance to another instance of the group', async () => {
    const schema = uniqueSchema('evlog');
    const [one, two] = [await log(schema), await log(schema)];
    const topic = uniqueName('takeover');
    const keys = range(9).map((i) => `k${i}`);
    expect(new Set(keys.map((key) => partitionForKey(key, 3))).size).toBe(3);

    const seenByOne: DeliveredMessage[] = [];
    const seenByTwo: DeliveredMessage[] = [];
    const first = await one.subscribe({ groupId: 'g', topics: [topic], handle: record(seenByOne) });
    const second: Subscription = await two.subscribe({
      groupId: 'g',
      topics: [topic],
      handle: record(seenByTwo),
    });
    closing.push(() => second.stop());
    await one.publish(keys.map((key) => ({ topic, key, value: numberedValue(key, 0) })));
    await waitFor(() => seenByOne.length + seenByTwo.length === 9, 15_000, 'the first round');

    await first.stop();
    const seenByTwoBefore = seenByTwo.length;
    await two.publish(keys.map((key) => ({ topic, key, value: numberedValue(key, 1) })));
    await waitFor(() => seenByTwo.length === seenByTwoBefore + 9, 5000, 'the second round');

    expect(new Set(seenByTwo.slice(seenByTwoBefore).map((m) => m.partition))).toEqual(
      new Set([0, 1, 2]),
    );
    expect(seenByOne).toHaveLength(9 - seenByTwoBefore);
  });

  it('gives each member of a group a share of every topic it reads', async () => {
    const schema = uniqueSchema('evlog');
    const [one, two] = [await log(schema), await log(schema)];
    const topics = [uniqueName('first'), uniqueName('second')];
    const seenByOne: DeliveredMessage[] = [];
    const seenByTwo: DeliveredMessage[] = [];
    // The first member holds every partition until the second joins and it gives some back.
    const first = await one.subscribe({ groupId: 'g', topics, handle: record(seenByOne) });
    closing.push(() => first.stop());
    const second = await two.subscribe({ groupId: 'g', topics, handle: record(seenByTwo) });
    closing.push(() => second.stop());
    const keys = range(12).map((i) => `k${i}`);
    expect(new Set(keys.map((key) => partitionForKey(key, 3))).size).toBe(3);
    const topicsOf = (seen: DeliveredMessage[]) => new Set(seen.map((m) => m.topic));
    // Rounds until the handover is done: then both members read both topics.
    for (let round = 0; ; round += 1) {
      if (round > 40) throw new Error('a member never got a share of both topics');
      seenByOne.splice(0);
      seenByTwo.splice(0);
      await one.publish(
        topics.flatMap((topic) =>
          keys.map((key) => ({ topic, key, value: numberedValue(key, round) })),
        ),
      );
      await waitFor(() => seenByOne.length + seenByTwo.length === 24, 5000, 'a round');
      if (topicsOf(seenByOne).size === 2 && topicsOf(seenByTwo).size === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('never skips a message when publishers race for one partition', async () => {
    const bus = await log(uniqueSchema('evlog'));
    const topic = uniqueName('race');
    const seen: DeliveredMessage[] = [];
    const subscription = await bus.subscribe({
      groupId: 'g',
      topics: [topic],
      handle: record(seen),
    });
    closing.push(() => subscription.stop());

    // 20 concurrent publishers, each a batch of 5 for its own key, all keys on one partition.
    const keys = range(200)
      .map((i) => `key-${i}`)
      .filter((key) => partitionForKey(key, 3) === 0)
      .slice(0, 20);
    await Promise.all(
      keys.map((key) =>
        bus.publish(range(5).map((seq) => ({ topic, key, value: numberedValue(key, seq) }))),
      ),
    );
    await waitFor(() => seen.length >= 100, 15_000, 'every message');

    expect(seen.map((m) => Number(m.offset))).toEqual(range(100));
    for (const seqs of sequencesByKey(seen.map(readNumbered)).values()) {
      expect(seqs).toEqual(range(5));
    }
  });

  it('keeps the partition count a topic was created with', async () => {
    const schema = uniqueSchema('evlog');
    const topic = uniqueName('fixed');
    const three = await log(schema);
    await three.publish([{ topic, key: 'a', value: '1' }]);
    const five = await PostgresEventLog.start({
      databaseUrl: testDatabaseUrl(),
      schema,
      partitions: 5,
      logger: silentLogger,
    });
    closing.push(() => five.close());
    const keys = range(50).map((i) => `k${i}`);
    await five.publish(keys.map((key) => ({ topic, key, value: 'x' })));
    const seen: DeliveredMessage[] = [];
    const subscription = await five.subscribe({
      groupId: 'g',
      topics: [topic],
      handle: record(seen),
    });
    closing.push(() => subscription.stop());
    await waitFor(() => seen.length === 51, 15_000, 'all');
    for (const message of seen) expect(message.partition).toBe(partitionForKey(message.key, 3));
  });

  it('reports not ready once its connections are gone', async () => {
    const bus = await startLog(uniqueSchema('evlog'));
    expect(await bus.isReady()).toBe(true);
    await bus.close();
    expect(await bus.isReady()).toBe(false);
  });
});
