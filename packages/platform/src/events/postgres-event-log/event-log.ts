import { Client, type Pool } from 'pg';
import pino from 'pino';
import { migrate } from '../../db/migrator';
import { assertIdentifier, createPool, withTransaction } from '../../db/pool';
import type { BusMessage, EventBus, SubscribeOptions, Subscription } from '../event-bus';
import { withTimeout } from '../timing';
import { partitionForKey, topicPartitionId } from './keys';
import { EVENTLOG_MIGRATIONS } from './migrations';
import type { PartitionWorker } from './partition-worker';
import { MAX_BACKOFF_MS, type PostgresEventLogOptions, type Settings } from './settings';
import { PgSubscription } from './subscription';

/**
 * The event bus for a single machine: an append-only log in PostgreSQL, no broker to install.
 *
 * - Topics are implicit: publishing to or subscribing to any name creates it, with `partitions`
 *   partitions (the count is stored with the topic on first use and never changes).
 * - A message goes to partition hash(key) mod partitions, so one key keeps its order. Offsets are
 *   taken from a per-partition head row locked until the publishing transaction commits, so
 *   offsets become visible in commit order and a reader never skips a row that commits late.
 * - Consumer groups keep the next offset per partition in `consumer_offsets`; a new group starts
 *   at the beginning of the log (like Kafka's `fromBeginning`). Members of a group share the
 *   partitions: each member claims its fair share of every topic (ceil(topic's partitions /
 *   members)) with session advisory locks on a connection of its own, so a partition is read
 *   by one member at a time; a member that dies releases its partitions and the others take
 *   them over at their next claim round (`claimIntervalMs`). As with Kafka,
 *   the members of one group should subscribe to the same topics; membership is counted per
 *   subscription so a mismatch cannot leave a partition unread.
 * - Consumers are woken by LISTEN/NOTIFY (one listener connection per instance), with a slow
 *   safety poll (`pollIntervalMs`) for notifications missed while reconnecting.
 * - Delivery is at least once: a handler that rejects gets the same message again (after a
 *   backoff), and later messages of that partition wait.
 */
export class PostgresEventLog implements EventBus {
  private readonly partitionCounts = new Map<string, number>();
  /** Running partition workers by topic-partition, to route notifications to them. */
  private readonly workers = new Map<string, Set<PartitionWorker>>();
  private readonly subscriptions = new Set<PgSubscription>();
  private listener: Client | undefined;
  private closed = false;

  private constructor(
    private readonly settings: Settings,
    private readonly pool: Pool,
  ) {}

  static async start(options: PostgresEventLogOptions): Promise<PostgresEventLog> {
    const schema = options.schema ?? 'eventlog';
    assertIdentifier(schema);
    const logger = options.logger ?? pino({ level: 'warn' });
    const pool = createPool(options.databaseUrl, schema, options.poolSize ?? 10);
    pool.on('error', (error) => logger.warn({ err: error }, 'idle event log connection failed'));
    const log = new PostgresEventLog(
      {
        databaseUrl: options.databaseUrl,
        schema,
        partitions: options.partitions ?? 3,
        logger,
        pollIntervalMs: options.pollIntervalMs ?? 5000,
        claimIntervalMs: options.claimIntervalMs ?? 1000,
        batchSize: options.batchSize ?? 100,
      },
      pool,
    );
    try {
      await migrate(pool, schema, [EVENTLOG_MIGRATIONS]);
      await log.listen();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return log;
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const counts = await this.ensureTopics(messages.map((m) => m.topic));
    const byPartition = new Map<
      string,
      { topic: string; partition: number; items: BusMessage[] }
    >();
    for (const message of messages) {
      const partition = partitionForKey(message.key, counts.get(message.topic) as number);
      const id = topicPartitionId(message.topic, partition);
      const group = byPartition.get(id) ?? { topic: message.topic, partition, items: [] };
      group.items.push(message);
      byPartition.set(id, group);
    }
    // Heads are locked in one global order so two publishers never deadlock on each other.
    const groups = [...byPartition.values()].sort((a, b) =>
      a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
    );
    await withTransaction(this.pool, async (tx) => {
      const rows: (BusMessage & { partition: number; offset: string })[] = [];
      for (const group of groups) {
        const [head] = await tx.query<{ first: string }>(
          `UPDATE partition_heads SET next_offset = next_offset + $3
           WHERE topic = $1 AND partition = $2 RETURNING next_offset - $3 AS first`,
          [group.topic, group.partition, group.items.length],
        );
        const first = BigInt(head.first);
        group.items.forEach((item, i) =>
          rows.push({
            ...item,
            partition: group.partition,
            offset: (first + BigInt(i)).toString(),
          }),
        );
      }
      await tx.query(
        `INSERT INTO messages (topic, partition, "offset", key, value, headers)
         SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])`,
        [
          rows.map((r) => r.topic),
          rows.map((r) => r.partition),
          rows.map((r) => r.offset),
          rows.map((r) => r.key),
          rows.map((r) => r.value),
          rows.map((r) => JSON.stringify(r.headers ?? {})),
        ],
      );
      await tx.query(`SELECT pg_notify($1, id) FROM unnest($2::text[]) AS id`, [
        this.settings.schema,
        groups.map((g) => topicPartitionId(g.topic, g.partition)),
      ]);
    });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('The event log is closed');
    const counts = await this.ensureTopics(options.topics);
    const partitions = options.topics.flatMap((topic) =>
      Array.from({ length: counts.get(topic) as number }, (_, partition) => ({ topic, partition })),
    );
    const subscription = new PgSubscription(this.settings, options, partitions, {
      pool: this.pool,
      register: (worker) => this.register(worker),
      unregister: (worker) => this.unregister(worker),
      forget: (sub) => this.subscriptions.delete(sub),
    });
    this.subscriptions.add(subscription);
    try {
      await subscription.start();
    } catch (error) {
      await subscription.stop();
      throw error;
    }
    return subscription;
  }

  async isReady(): Promise<boolean> {
    try {
      await withTimeout(this.pool.query('SELECT 1'), 1000, 'event log ping');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** Creates missing topics (and their partition heads); returns the partition count per topic. */
  private async ensureTopics(topics: string[]): Promise<Map<string, number>> {
    const missing = [...new Set(topics)].filter((t) => !this.partitionCounts.has(t));
    if (missing.some((t) => t.length === 0)) throw new Error('A topic name must not be empty');
    if (missing.length > 0) {
      const rows = await withTransaction(this.pool, async (tx) => {
        await tx.query(
          `INSERT INTO topics (topic, partitions) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
          [missing, this.settings.partitions],
        );
        await tx.query(
          `INSERT INTO partition_heads (topic, partition)
           SELECT t.topic, p FROM topics t, generate_series(0, t.partitions - 1) AS p
           WHERE t.topic = ANY($1) ON CONFLICT DO NOTHING`,
          [missing],
        );
        return tx.query<{ topic: string; partitions: number }>(
          'SELECT topic, partitions FROM topics WHERE topic = ANY($1)',
          [missing],
        );
      });
      for (const row of rows) this.partitionCounts.set(row.topic, row.partitions);
    }
    return this.partitionCounts;
  }

  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.settings.databaseUrl,
      application_name: `${this.settings.schema}-listener`,
    });
    const lost = (error?: Error): void => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      this.settings.logger.warn({ err: error }, 'event log listener lost; reconnecting');
      client.end().catch(() => undefined);
      this.scheduleListen(250);
    };
    client.on('notification', (notification) => this.wake(notification.payload));
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.settings.schema}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.listener = client;
  }

  private scheduleListen(delayMs: number): void {
    const timer = setTimeout(() => {
      if (this.closed) return;
      this.listen()
        .then(() => this.wakeAll()) // notifications sent while disconnected are gone
        .catch((error: Error) => {
          this.settings.logger.warn({ err: error }, 'event log listener reconnect failed');
          this.scheduleListen(Math.min(delayMs * 2, MAX_BACKOFF_MS));
        });
    }, delayMs);
    timer.unref();
  }

  private wake(id: string | undefined): void {
    if (id === undefined) return;
    for (const worker of this.workers.get(id) ?? []) worker.signal.notify();
  }

  private wakeAll(): void {
    for (const set of this.workers.values()) for (const worker of set) worker.signal.notify();
  }

  private register(worker: PartitionWorker): void {
    const id = topicPartitionId(worker.topic, worker.partition);
    const set = this.workers.get(id) ?? new Set();
    set.add(worker);
    this.workers.set(id, set);
  }

  private unregister(worker: PartitionWorker): void {
    const id = topicPartitionId(worker.topic, worker.partition);
    this.workers.get(id)?.delete(worker);
    if (this.workers.get(id)?.size === 0) this.workers.delete(id);
  }
}
