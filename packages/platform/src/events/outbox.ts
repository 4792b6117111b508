import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { withTransaction, type SqlExecutor } from '../db/pool';
import type { BusMessage, EventBus } from './event-bus';
import { backoffDelay, sleep, WakeSignal } from './timing';

export interface OutboxMessage {
  eventId: string;
  topic: string;
  /** Partitioning key: the aggregate id. */
  key: string;
  envelope: object;
}

/** Records an event to publish, in the caller's transaction: it goes out iff the change commits. */
export async function appendToOutbox(tx: SqlExecutor, message: OutboxMessage): Promise<void> {
  await tx.query(
    'INSERT INTO outbox (event_id, topic, key, envelope) VALUES ($1::uuid, $2, $3, $4::jsonb)',
    [message.eventId, message.topic, message.key, JSON.stringify(message.envelope)],
  );
}

export interface OutboxRelayOptions {
  /** A pool on the service's schema (its `outbox` table). */
  pool: Pool;
  bus: EventBus;
  logger: Logger;
  batchSize?: number;
  /** How long the relay sleeps when idle and nobody calls wake(). */
  idleMs?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  key: string;
  envelope: object;
}

type Pass = { ok: true; published: number } | { ok: false; error: unknown };

const MAX_BACKOFF_MS = 5000;

/**
 * Publishes committed outbox rows to the bus in `seq` order, at least once each.
 *
 * One pass locks the schema's relay lock (a transaction-level advisory lock, so only one relay
 * instance publishes at a time and per-key order holds with several instances), publishes a
 * batch and marks it published in that same transaction. When the bus fails, the rows stay
 * unpublished with `attempts`/`last_error` recorded, and the same rows are retried after a capped
 * exponential backoff: never reordered, never dropped. If the commit after a successful publish
 * fails, the batch is published again; consumers dedupe with the inbox.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly bus: EventBus;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly signal = new WakeSignal();
  private stopping: AbortController | undefined;
  private loop: Promise<void> | undefined;

  constructor(options: OutboxRelayOptions) {
    this.pool = options.pool;
    this.bus = options.bus;
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? 100;
    this.idleMs = options.idleMs ?? 1000;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = new AbortController();
    this.loop = this.run(this.stopping.signal);
  }

  /** Call right after committing outbox rows, so they go out now rather than after `idleMs`. */
  wake(): void {
    this.signal.notify();
  }

  /** Finishes the batch in hand and stops. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.loop = undefined;
  }

  /** Publishes until nothing is left; rejects on the first bus failure. For tests and scripts. */
  async drain(): Promise<void> {
    for (;;) {
      const pass = await this.publishBatch();
      if (!pass.ok) throw pass.error;
      if (pass.published === 0) return;
    }
  }

  /** Rows committed but not yet published, for /ready and metrics. */
  async pending(): Promise<number> {
    const result = await this.pool.query<{ pending: number }>(
      'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
    );
    return result.rows[0].pending;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const pass = await this.publishBatch();
      if (!pass.ok) {
        failures += 1;
        const delay = backoffDelay(failures, 100, MAX_BACKOFF_MS);
        this.logger.warn({ err: pass.error, failures, retryInMs: delay }, 'outbox publish failed');
        await sleep(delay, signal);
        continue;
      }
      failures = 0;
      if (pass.published < this.batchSize) await this.signal.wait(this.idleMs, signal);
    }
  }

  private async publishBatch(): Promise<Pass> {
    try {
      return await withTransaction(this.pool, async (tx) => {
        // Waits while another relay of this schema publishes; then sees what it marked.
        await tx.query(
          `SELECT pg_advisory_xact_lock(hashtext('denpyo-outbox:' || current_schema()))`,
        );
        const rows = await tx.query<OutboxRow>(
          // outbox.seq is the bigint column; a bare `seq` would sort the text alias.
          `SELECT seq::text AS seq, topic, key, envelope FROM outbox
           WHERE published_at IS NULL ORDER BY outbox.seq LIMIT $1`,
          [this.batchSize],
        );
        if (rows.length === 0) return { ok: true, published: 0 } as const;
        const seqs = rows.map((row) => row.seq);
        try {
          await this.bus.publish(rows.map(toBusMessage));
        } catch (error) {
          await tx.query(
            'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])',
            [seqs, describeError(error)],
          );
          return { ok: false, error } as const;
        }
        await tx.query(
          `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
           WHERE seq = ANY($1::bigint[])`,
          [seqs],
        );
        return { ok: true, published: rows.length } as const;
      });
    } catch (error) {
      return { ok: false, error };
    }
  }
}

function toBusMessage(row: OutboxRow): BusMessage {
  return { topic: row.topic, key: row.key, value: JSON.stringify(row.envelope) };
}

function describeError(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
    0,
    2000,
  );
}
