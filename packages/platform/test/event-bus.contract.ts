import { waitFor } from '../src/testing';
import type { BusMessage, DeliveredMessage, EventBus, Subscription } from '../src/events/event-bus';
import {
  deferred,
  numberedValue,
  range,
  readNumbered,
  sequencesByKey,
  uniqueName,
} from './event-helpers';

const idOf = (value: string): string => (JSON.parse(value) as { id: string }).id;

export interface BusUnderTest {
  bus: EventBus;
  cleanup(): Promise<void>;
}

/**
 * The behaviour every EventBus adapter must have, run against each of them. The factory gets
 * fresh topic names for the test (an adapter whose topics must pre-exist creates them).
 */
export function describeEventBusContract(
  name: string,
  factory: (topics: string[]) => Promise<BusUnderTest>,
): void {
  describe(`EventBus contract: ${name}`, () => {
    let topic: string;
    let bus: EventBus;
    let cleanup: () => Promise<void>;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      topic = uniqueName('contract');
      ({ bus, cleanup } = await factory([topic]));
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await cleanup();
    });

    /** Subscribes and records every message handled, in the order handled. */
    async function consume(
      groupId: string,
      handle: (message: DeliveredMessage) => Promise<void> = async () => undefined,
    ): Promise<{ seen: DeliveredMessage[]; subscription: Subscription }> {
      const seen: DeliveredMessage[] = [];
      const subscription = await bus.subscribe({
        groupId,
        topics: [topic],
        handle: async (message) => {
          await handle(message);
          seen.push(message);
        },
      });
      subscriptions.push(subscription);
      return { seen, subscription };
    }

    const numbered = (keys: string[], perKey: number): BusMessage[] =>
      range(perKey).flatMap((seq) =>
        keys.map((key) => ({ topic, key, value: numberedValue(key, seq) })),
      );

    /** Publishes in several calls of varying size, one after another. */
    async function publishInChunks(messages: BusMessage[]): Promise<void> {
      for (let i = 0, size = 1; i < messages.length; i += size, size = (size % 7) + 1) {
        await bus.publish(messages.slice(i, i + size));
      }
    }

    const ids = (seen: DeliveredMessage[]): string[] => seen.map((m) => readNumbered(m).id);

    it('is ready', async () => {
      expect(await bus.isReady()).toBe(true);
    });

    it('delivers key, value and headers intact, to earlier and later subscribers alike', async () => {
      await bus.publish([
        {
          topic,
          key: 'contract-1',
          value: '{"a":"é 伝票"}',
          headers: { 'x-trace': 't-1', b: '2' },
        },
      ]);
      const { seen } = await consume(uniqueName('g'));
      await waitFor(() => seen.length === 1, 15_000, 'the first message');
      await bus.publish([{ topic, key: 'contract-2', value: 'later' }]);
      await waitFor(() => seen.length === 2, 15_000, 'the second message');

      expect(seen[0]).toMatchObject({
        topic,
        key: 'contract-1',
        value: '{"a":"é 伝票"}',
        headers: { 'x-trace': 't-1', b: '2' },
      });
      expect(seen[1]).toMatchObject({ topic, key: 'contract-2', value: 'later' });
      for (const message of seen) {
        expect(message.offset).toMatch(/^\d+$/);
        expect(Number.isInteger(message.partition)).toBe(true);
      }
    });

    it('keeps the order of each key over many messages and keys', async () => {
      const keys = range(6).map((i) => `aggregate-${i}`);
      const messages = numbered(keys, 20);
      await publishInChunks(messages);
      const { seen } = await consume(uniqueName('g'));
      await waitFor(() => seen.length >= messages.length, 15_000, 'all messages');

      expect(seen).toHaveLength(messages.length);
      const byKey = sequencesByKey(seen.map(readNumbered));
      for (const key of keys) expect(byKey.get(key)).toEqual(range(20));
      // One key always lands on one partition.
      for (const key of keys) {
        expect(new Set(seen.filter((m) => m.key === key).map((m) => m.partition)).size).toBe(1);
      }
    });

    it('shares the partitions between the consumers of a group, each message handled once', async () => {
      const groupId = uniqueName('g');
      const first = await consume(groupId);
      const second = await consume(groupId);
      const published: string[] = [];
      // Keep publishing until both members got work: joining the group takes a moment.
      for (let round = 0; first.seen.length === 0 || second.seen.length === 0; round += 1) {
        if (round > 150) throw new Error('the group never shared its partitions');
        const messages = range(12).map((i) => ({
          topic,
          key: `r${round}-k${i}`,
          value: numberedValue(`r${round}-k${i}`, 0),
        }));
        await bus.publish(messages);
        published.push(...messages.map((m) => idOf(m.value)));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await waitFor(
        () => first.seen.length + second.seen.length >= published.length,
        15_000,
        'every message',
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // would-be duplicates show up

      const handled = [...ids(first.seen), ...ids(second.seen)];
      expect(handled.sort()).toEqual([...published].sort());
    });

    it('gives every group all messages, with offsets of its own', async () => {
      const messages = numbered(['a', 'b', 'c'], 10);
      await bus.publish(messages);
      const one = await consume(uniqueName('g'));
      const other = await consume(uniqueName('g'));
      await waitFor(
        () => one.seen.length === 30 && other.seen.length === 30,
        15_000,
        'both groups',
      );
      expect(ids(one.seen).sort()).toEqual(ids(other.seen).sort());
    });

    it('continues a group where it stopped: nothing lost, nothing repeated', async () => {
      const groupId = uniqueName('g');
      const messages = numbered(['a', 'b', 'c', 'd'], 10);
      await bus.publish(messages);
      const enough = deferred();
      let handled = 0;
      const before = await consume(groupId, async () => {
        handled += 1;
        if (handled >= 15) enough.resolve();
      });
      await enough.promise;
      await before.subscription.stop();
      const handledBefore = ids(before.seen);
      expect(handledBefore.length).toBeLessThan(messages.length);

      const after = await consume(groupId);
      await waitFor(
        () => handledBefore.length + after.seen.length >= messages.length,
        15_000,
        'the rest',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect([...handledBefore, ...ids(after.seen)].sort()).toEqual(
        messages.map((m) => idOf(m.value)).sort(),
      );
      const byKey = sequencesByKey([...before.seen, ...after.seen].map(readNumbered));
      for (const seqs of byKey.values()) expect(seqs).toEqual(range(10));
    });

    it('delivers a message again when its handler fails, keeping the order of its key', async () => {
      await publishInChunks(numbered(['only-key'], 10));
      let failures = 0;
      const { seen } = await consume(uniqueName('g'), async (message) => {
        if (readNumbered(message).seq === 3 && failures < 2) {
          failures += 1;
          throw new TypeError('handler bug, fixed on the next try');
        }
      });
      await waitFor(() => seen.length >= 10, 15_000, 'all ten handled');
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(failures).toBe(2);
      expect(seen.map((m) => readNumbered(m).seq)).toEqual(range(10));
    });

    it('lets stop() finish the message in hand and commit it', async () => {
      const groupId = uniqueName('g');
      await bus.publish(numbered(['slow'], 3));
      const started = deferred();
      let finished = false;
      const first = await consume(groupId, async () => {
        started.resolve();
        await new Promise((resolve) => setTimeout(resolve, 500));
        finished = true;
      });
      await started.promise;
      await first.subscription.stop();
      expect(finished).toBe(true);
      expect(first.seen.map((m) => readNumbered(m).seq)).toEqual([0]);

      const second = await consume(groupId);
      await waitFor(() => second.seen.length >= 2, 15_000, 'the remaining two');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(second.seen.map((m) => readNumbered(m).seq)).toEqual([1, 2]);
    });
  });
}
