import type { Pool } from 'pg';
import type { DeliveredMessage, SubscribeOptions } from '../event-bus';
import { backoffDelay, sleep, WakeSignal } from '../timing';
import { MAX_BACKOFF_MS, type Settings } from './settings';

/** What a worker needs from its event log: the pool, and a place to be found by notifications. */
export interface WorkerHooks {
  pool: Pool;
  register(worker: PartitionWorker): void;
  unregister(worker: PartitionWorker): void;
}

interface StoredMessage {
  offset: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads one claimed partition in offset order, handing each message over and committing it. */
export class PartitionWorker {
  readonly signal = new WakeSignal();
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: Settings,
    private readonly options: SubscribeOptions,
    readonly topic: string,
    readonly partition: number,
    private readonly hooks: WorkerHooks,
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
