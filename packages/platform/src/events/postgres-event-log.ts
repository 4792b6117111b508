import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Client, type Pool } from 'pg';
import pino, { type Logger } from 'pino';
import { migrate, type MigrationSource } from '../db/migrator';
import { assertIdentifier, createPool, withTransaction } from '../db/pool';
import type {
  BusMessage,
  DeliveredMessage,
  EventBus,
  SubscribeOptions,
  Subscription,
} from './event-bus';
import { backoffDelay, sleep, WakeSignal, withTimeout } from './timing';

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
 *   partitions: each member claims its fair share (ceil(partitions / members)) with session
 *   advisory locks on a connection of its own, so a member that dies releases its partitions and
 *   the others take them over at their next claim round (`claimIntervalMs`). As with Kafka,
 *   the members of one group should subscribe to the same topics; membership is counted per
 *   subscription so a mismatch cannot leave a partition unread.
 * - Consumers are woken by LISTEN/NOTIFY (one listener connection per instance), with a slow
 *   safety poll (`pollIntervalMs`) for notifications missed while reconnecting.
 * - Delivery is at least once: a handler that rejects gets the same message again (after a
 *   backoff), and later messages of that partition wait.
 */
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

export const EVENTLOG_MIGRATIONS: MigrationSource = {
  stream: 'eventlog',
  dir: join(__dirname, '..', '..', 'eventlog-migrations'),
};

/** Stable across processes and versions (unlike PostgreSQL's hashtext), so placement never moves. */
export function partitionForKey(key: string, partitions: number): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % partitions;
}

function advisoryKey(...parts: string[]): bigint {
  return createHash('sha256').update(parts.join('\u0000')).digest().readBigInt64BE(0);
}

const topicPartitionId = (topic: string, partition: number): string => `${partition}:${topic}`;

interface Settings {
  databaseUrl: string;
  schema: string;
  partitions: number;
  logger: Logger;
  pollIntervalMs: number;
  claimIntervalMs: number;
  batchSize: number;
}

interface TopicPartition {
  topic: string;
  partition: number;
}

interface StoredMessage {
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

const MAX_BACKOFF_MS = 5000;

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

interface Hooks {
  pool: Pool;
  register(worker: PartitionWorker): void;
  unregister(worker: PartitionWorker): void;
  forget(subscription: PgSubscription): void;
}

/**
 * One member of a consumer group: holds a membership lock and a lock per claimed partition on
 * its own connection, and runs a worker per claimed partition.
 */
class PgSubscription implements Subscription {
  private lockClient: Client | undefined;
  private readonly held = new Map<string, { worker: PartitionWorker; lockKey: bigint }>();
  /** Workers stopped because the lock connection was lost, still finishing their message. */
  private readonly orphans = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private balancing: Promise<void> = Promise.resolve();
  private readonly memberKey: bigint;

  constructor(
    private readonly settings: Settings,
    private readonly options: SubscribeOptions,
    private readonly partitions: TopicPartition[],
    private readonly hooks: Hooks,
  ) {
    // Members count per group *and* subscription, so a group whose instances read different
    // topics never leaves a partition unclaimed.
    const subscription = [...options.topics].sort().join(',');
    this.memberKey = advisoryKey(settings.schema, 'member', options.groupId, subscription);
  }

  async start(): Promise<void> {
    await this.rebalance();
    this.balancing = this.keepBalancing();
  }

  async stop(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    await this.balancing;
    const workers = [...this.held.values()].map((h) => h.worker.stop());
    this.held.clear();
    await Promise.all([...workers, ...this.orphans]);
    // Ending the session releases the membership and partition locks at once.
    await this.lockClient?.end().catch(() => undefined);
    this.lockClient = undefined;
    this.hooks.forget(this);
  }

  private async keepBalancing(): Promise<void> {
    while (!this.abort.signal.aborted) {
      await sleep(this.settings.claimIntervalMs, this.abort.signal);
      if (this.abort.signal.aborted) return;
      await this.rebalance().catch((error: Error) =>
        this.settings.logger.warn(
          { err: error, groupId: this.options.groupId },
          'event log partition claim failed; retrying',
        ),
      );
    }
  }

  /** Gives back partitions above this member's fair share, then claims free ones up to it. */
  private async rebalance(): Promise<void> {
    const client = await this.lockConnection();
    const share = Math.ceil(this.partitions.length / (await this.countMembers(client)));
    for (const id of [...this.held.keys()].slice(share)) {
      const { worker, lockKey } = this.held.get(id) as { worker: PartitionWorker; lockKey: bigint };
      this.held.delete(id);
      await worker.stop();
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey.toString()]);
    }
    for (const { topic, partition } of this.partitions) {
      if (this.held.size >= share || this.abort.signal.aborted) break;
      const id = topicPartitionId(topic, partition);
      if (this.held.has(id)) continue;
      const lockKey = advisoryKey(this.settings.schema, 'partition', this.options.groupId, id);
      const [{ claimed }] = (
        await client.query<{ claimed: boolean }>(
          'SELECT pg_try_advisory_lock($1::bigint) AS claimed',
          [lockKey.toString()],
        )
      ).rows;
      if (!claimed || this.lockClient !== client) continue;
      const worker = new PartitionWorker(this.settings, this.options, topic, partition, this.hooks);
      worker.start();
      this.held.set(id, { worker, lockKey });
    }
  }

  private async lockConnection(): Promise<Client> {
    if (this.lockClient) return this.lockClient;
    const client = new Client({
      connectionString: this.settings.databaseUrl,
      application_name: `${this.settings.schema}-consumer`,
    });
    client.on('error', (error) => this.lockLost(client, error));
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock_shared($1::bigint)', [this.memberKey.toString()]);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.lockClient = client;
    return client;
  }

  /** Without the connection the locks are gone and another member may take over: stop at once. */
  private lockLost(client: Client, error: Error): void {
    if (this.lockClient !== client) return;
    this.settings.logger.warn(
      { err: error, groupId: this.options.groupId },
      'event log lock connection lost; releasing partitions',
    );
    this.lockClient = undefined;
    client.end().catch(() => undefined);
    for (const { worker } of this.held.values()) {
      const stopped = worker.stop().finally(() => this.orphans.delete(stopped));
      this.orphans.add(stopped);
    }
    this.held.clear();
  }

  /** Live members are the sessions holding the group's shared membership lock. */
  private async countMembers(client: Client): Promise<number> {
    const unsigned = BigInt.asUintN(64, this.memberKey);
    const result = await client.query<{ members: number }>(
      `SELECT count(*)::int AS members FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = $1::oid AND objid = $2::oid`,
      [(unsigned >> 32n).toString(), (unsigned & 0xffffffffn).toString()],
    );
    return Math.max(1, result.rows[0].members);
  }
}

/** Reads one claimed partition in offset order, handing each message over and committing it. */
class PartitionWorker {
  readonly signal = new WakeSignal();
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: Settings,
    private readonly options: SubscribeOptions,
    readonly topic: string,
    readonly partition: number,
    private readonly hooks: Hooks,
  ) {}

  start(): void {
    this.hooks.register(this);
    this.done = this.run().finally(() => this.hooks.unregister(this));
  }

  /** Lets the message in hand finish and commit, then resolves. */
  stop(): Promise<void> {
    this.abort.abort();
    return this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        const handled = await this.consumeBatch(() => (failures = 0));
        if (handled === 0) await this.signal.wait(this.settings.pollIntervalMs, this.abort.signal);
      } catch (error) {
        failures += 1;
        this.settings.logger.warn(
          {
            err: error,
            groupId: this.options.groupId,
            topic: this.topic,
            partition: this.partition,
          },
          'event log message not handled; delivering it again',
        );
        await sleep(backoffDelay(failures, 100, MAX_BACKOFF_MS), this.abort.signal);
      }
    }
  }

  private async consumeBatch(onHandled: () => void): Promise<number> {
    const { pool } = this.hooks;
    const committed = await pool.query<{ next_offset: string }>(
      'SELECT next_offset FROM consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3',
      [this.options.groupId, this.topic, this.partition],
    );
    const from = committed.rows[0]?.next_offset ?? '0';
    const batch = await pool.query<StoredMessage>(
      // ORDER BY names the table's bigint column: the bare name would sort the text alias.
      `SELECT "offset"::text AS offset, key, value, headers FROM messages
       WHERE topic = $1 AND partition = $2 AND "offset" >= $3
       ORDER BY messages."offset" LIMIT $4`,
      [this.topic, this.partition, from, this.settings.batchSize],
    );
    let handled = 0;
    for (const row of batch.rows) {
      if (this.abort.signal.aborted) break;
      const message: DeliveredMessage = { topic: this.topic, partition: this.partition, ...row };
      await this.options.handle(message);
      onHandled();
      await this.commit(BigInt(row.offset) + 1n);
      handled += 1;
    }
    return handled;
  }

  private async commit(nextOffset: bigint): Promise<void> {
    // Never moves backwards, in case a member that lost its lock commits late.
    await this.hooks.pool.query(
      `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
       ON CONFLICT (group_id, topic, partition) DO UPDATE
         SET next_offset = EXCLUDED.next_offset, updated_at = now()
         WHERE consumer_offsets.next_offset < EXCLUDED.next_offset`,
      [this.options.groupId, this.topic, this.partition, nextOffset.toString()],
    );
  }
}
