import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, withTransaction, type SqlExecutor } from '../src/db/pool';
import type { DeliveredMessage } from '../src/events/event-bus';
import { recordInbox } from '../src/events/inbox';
import { PostgresEventLog } from '../src/events/postgres-event-log';
import { prismaExecutor } from '../src/events/prisma-executor';
import { uniqueSchema, waitFor } from '../src/testing';
import { silentLogger, testDatabaseUrl, uniqueName } from './event-helpers';

describe('inbox', () => {
  let pool: Pool;

  beforeEach(async () => {
    const schema = uniqueSchema('inbox');
    pool = createPool(testDatabaseUrl(), schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
    await pool.query('CREATE TABLE ledger (event_id uuid NOT NULL, amount bigint NOT NULL)');
  });
  afterEach(() => pool.end());

  /** A consumer's effect, applied at most once per event thanks to the inbox. */
  async function applyPayment(tx: SqlExecutor, eventId: string, amount: number): Promise<boolean> {
    const first = await recordInbox(tx, 'payment-ledger', eventId, 'PaymentOrdered');
    if (first) {
      await tx.query('INSERT INTO ledger (event_id, amount) VALUES ($1, $2)', [eventId, amount]);
    }
    return first;
  }

  const ledger = async () =>
    (await pool.query('SELECT event_id, amount::int AS amount FROM ledger')).rows;

  it('applies an event once, however often it is delivered', async () => {
    const eventId = randomUUID();
    expect(await withTransaction(pool, (tx) => applyPayment(tx, eventId, 1000))).toBe(true);
    expect(await withTransaction(pool, (tx) => applyPayment(tx, eventId, 1000))).toBe(false);
    expect(await withTransaction(pool, (tx) => applyPayment(tx, eventId, 1000))).toBe(false);
    expect(await ledger()).toEqual([{ event_id: eventId, amount: 1000 }]);
  });

  it('keeps consumers apart: each one handles the event once', async () => {
    const eventId = randomUUID();
    const record = (consumer: string) =>
      withTransaction(pool, (tx) => recordInbox(tx, consumer, eventId, 'InvoiceReceived'));
    expect([await record('a'), await record('b'), await record('a')]).toEqual([true, true, false]);
  });

  it('rolls the mark back with the effect when the handler dies before commit', async () => {
    const eventId = randomUUID();
    await expect(
      withTransaction(pool, async (tx) => {
        await applyPayment(tx, eventId, 500);
        throw new Error('crashed after the effect, before the commit');
      }),
    ).rejects.toThrow('crashed');
    expect(await ledger()).toEqual([]);

    expect(await withTransaction(pool, (tx) => applyPayment(tx, eventId, 500))).toBe(true);
    expect(await withTransaction(pool, (tx) => applyPayment(tx, eventId, 500))).toBe(false);
    expect(await ledger()).toEqual([{ event_id: eventId, amount: 500 }]);
  });

  it('makes a redelivery by the bus harmless (committed effect, offset not committed)', async () => {
    const bus = await PostgresEventLog.start({
      databaseUrl: testDatabaseUrl(),
      schema: uniqueSchema('evlog'),
      logger: silentLogger,
    });
    const topic = uniqueName('inbox');
    const eventId = randomUUID();
    const outcomes: boolean[] = [];
    const subscription = await bus.subscribe({
      groupId: 'ledger',
      topics: [topic],
      handle: async (message: DeliveredMessage) => {
        const { id, amount } = JSON.parse(message.value) as { id: string; amount: number };
        outcomes.push(await withTransaction(pool, (tx) => applyPayment(tx, id, amount)));
        // The first time, die after the commit but before the bus commits the offset.
        if (outcomes.length === 1) throw new Error('crashed after commit');
      },
    });
    try {
      await bus.publish([
        { topic, key: 'payment-1', value: JSON.stringify({ id: eventId, amount: 700 }) },
      ]);
      await waitFor(() => outcomes.length === 2, 15_000, 'the redelivery');
      expect(outcomes).toEqual([true, false]);
      expect(await ledger()).toEqual([{ event_id: eventId, amount: 700 }]);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });

  it('works inside a Prisma-style transaction through prismaExecutor', async () => {
    const client = await pool.connect();
    // What Prisma's interactive transaction client offers, backed here by a pg connection.
    const prismaLike = {
      $queryRawUnsafe: async (sql: string, ...values: unknown[]) =>
        (await client.query(sql, values)).rows,
    };
    const eventId = randomUUID();
    try {
      await client.query('BEGIN');
      expect(await applyPayment(prismaExecutor(prismaLike), eventId, 42)).toBe(true);
      expect(await applyPayment(prismaExecutor(prismaLike), eventId, 42)).toBe(false);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await ledger()).toEqual([{ event_id: eventId, amount: 42 }]);
  });
});
