import { Client } from 'pg';
import type { SubscribeOptions, Subscription } from '../event-bus';
import { sleep } from '../timing';
import { advisoryKey, topicPartitionId, type TopicPartition } from './keys';
import { PartitionWorker, type WorkerHooks } from './partition-worker';
import type { Settings } from './settings';

/** What a subscription needs from its event log: its workers' hooks, and to be let go of. */
export interface SubscriptionHooks extends WorkerHooks {
  forget(subscription: PgSubscription): void;
}

/**
 * One member of a consumer group: holds a membership lock and a lock per claimed partition on
 * its own connection, and runs a worker per claimed partition.
 */
export class PgSubscription implements Subscription {
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
    private readonly hooks: SubscriptionHooks,
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

  /**
   * Gives back partitions above this member's fair share, then claims free ones up to it. The
   * share is counted per topic (ceil(topic's partitions / members)), as Kafka's assignors do:
   * counted over all topics at once, one member could hold every partition of one topic and
   * the others none, leaving that topic's events to a single instance.
   */
  private async rebalance(): Promise<void> {
    const client = await this.lockConnection();
    const members = await this.countMembers(client);
    for (const topic of new Set(this.partitions.map((p) => p.topic))) {
      const partitions = this.partitions.filter((p) => p.topic === topic);
      const share = Math.ceil(partitions.length / members);
      const held = partitions.filter((p) => this.held.has(topicPartitionId(topic, p.partition)));
      for (const { partition } of held.slice(share)) {
        await this.release(client, topicPartitionId(topic, partition));
      }
      let holding = Math.min(held.length, share);
      for (const { partition } of partitions) {
        if (holding >= share || this.abort.signal.aborted) break;
        if (await this.claim(client, topic, partition)) holding += 1;
      }
    }
  }

  /** Stops a partition's worker (the message in hand finishes and commits), then unlocks it. */
  private async release(client: Client, id: string): Promise<void> {
    const { worker, lockKey } = this.held.get(id) as { worker: PartitionWorker; lockKey: bigint };
    this.held.delete(id);
    await worker.stop();
    await client.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey.toString()]);
  }

  /** True when it claims the partition now (false when held already or by another member). */
  private async claim(client: Client, topic: string, partition: number): Promise<boolean> {
    const id = topicPartitionId(topic, partition);
    if (this.held.has(id)) return false;
    const lockKey = advisoryKey(this.settings.schema, 'partition', this.options.groupId, id);
    const [{ claimed }] = (
      await client.query<{ claimed: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS claimed',
        [lockKey.toString()],
      )
    ).rows;
    if (!claimed || this.lockClient !== client) return false;
    const worker = new PartitionWorker(this.settings, this.options, topic, partition, this.hooks);
    worker.start();
    this.held.set(id, { worker, lockKey });
    return true;
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
