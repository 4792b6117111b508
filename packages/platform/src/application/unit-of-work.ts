import { randomUUID } from 'node:crypto';
import type { AuthUser, DomainEvent, EventPayload, EventType } from '@denpyo/schemas';
import type { AuditRecord } from '../audit';
import { assertIdentifier, type SqlExecutor } from '../db/pool';
import { PRISMA_TRANSACTION_OPTIONS } from '../db/prisma-support';
import { buildEvent } from '../events/domain-events';
import { recordInbox } from '../events/inbox';
import { prismaExecutor, type PrismaRawClient } from '../events/prisma-executor';
import type { IdempotencyKeyRef } from '../db/idempotency-keys';
import { writeUnitRecords } from './unit-records';
import type { Outcome, Refusal } from './outcome';
import { createClock, type Clock } from './clock';

/** The signed-in user a use case acts for, and the request it came through. */
export interface Caller {
  user: AuthUser;
  correlationId: string;
  /** The request's Idempotency-Key: marked committed in the same transaction as the change. */
  idempotencyKey?: IdempotencyKeyRef;
}

/** An event a consumer reacts to, once per consumer group. */
export interface Delivery {
  event: DomainEvent;
  consumer: string;
  /** Who the audit trail names for the reaction; the event's actor by default. */
  actor?: string;
}

/** An audit entry as a use case states it; who and which correlation come from the unit of work. */
export type AuditEntryInput = Omit<AuditRecord, 'actor' | 'correlationId'>;

/** What a use case works with inside one transaction. */
export interface Work<Tx> {
  /** The service's Prisma transaction client. */
  tx: Tx;
  /** The same transaction as plain SQL, for the few statements Prisma cannot express. */
  sql: SqlExecutor;
  /** The one clock of this unit of work: every timestamp it writes is this instant. */
  now: Date;
  actor: string;
  /**
   * Locks rows of `table` by id until commit (SELECT … ORDER BY id FOR UPDATE): lock before
   * reading what a rule decides on. Ids are locked in sorted order, so two units of work that
   * lock overlapping sets cannot deadlock; lock tables in the order the use case names them.
   */
  lock(table: string, ids: readonly string[]): Promise<void>;
  /** Records an audit entry; written with the change, in the same transaction. */
  audit(entry: AuditEntryInput): void;
  /** Records an event to publish; it goes to the outbox with the change and out after commit. */
  publish<T extends EventType>(type: T, aggregateId: string, payload: EventPayload<T>): void;
}

export interface UnitOfWork<Tx> {
  /** One write for a caller: everything `work` records commits with it, or nothing does. */
  run<T>(
    caller: Caller,
    work: (unit: Work<Tx>) => Promise<Outcome<T>>,
    options?: { timeoutMs?: number },
  ): Promise<Outcome<T>>;
  /** Work the process does on its own (start-up tasks), audited under `actor`. */
  runAs<T>(
    actor: string,
    work: (unit: Work<Tx>) => Promise<Outcome<T>>,
    options?: { timeoutMs?: number },
  ): Promise<Outcome<T>>;
  /**
   * One reaction to an event, at most once per consumer group: the inbox mark commits with the
   * reaction, so a redelivery is skipped (`undefined`) and a failed attempt leaves no trace.
   */
  runOnce<T>(
    delivery: Delivery,
    work: (unit: Work<Tx>) => Promise<Outcome<T>>,
  ): Promise<Outcome<T> | undefined>;
}

/** The part of a generated PrismaClient the unit of work needs. */
export interface TransactionalClient<Tx> {
  $transaction<R>(
    work: (tx: Tx) => Promise<R>,
    options?: { maxWait?: number; timeout?: number },
  ): Promise<R>;
}

export interface UnitOfWorkOptions {
  /** Gives each unit of work its `now` (the wall clock unless DENPYO_TODAY pins the day). */
  clock?: Clock;
  /** Called after a commit that recorded events, so the outbox relay publishes them now. */
  onEventsCommitted?: () => void;
}

interface Origin {
  actor: string;
  correlationId: string;
  causationId: string | null;
  idempotencyKey?: IdempotencyKeyRef;
  inbox?: { consumer: string; event: DomainEvent };
}

const WALL_CLOCK = createClock();

/** Thrown inside the transaction to roll it back when the use case refuses. */
class RolledBack extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/**
 * Every write of a service goes through here: begin → (inbox check) → the use case locks,
 * reads, decides with pure domain rules and writes → its audit entries and outbox events →
 * the Idempotency-Key marked committed → commit → the relay woken. A refusal rolls it all back.
 */
export function createUnitOfWork<Tx extends PrismaRawClient>(
  client: TransactionalClient<Tx>,
  options: UnitOfWorkOptions = {},
): UnitOfWork<Tx> {
  async function execute<T>(
    origin: Origin,
    work: (unit: Work<Tx>) => Promise<Outcome<T>>,
    timeoutMs?: number,
  ): Promise<Outcome<T> | undefined> {
    let published = 0;
    try {
      const outcome = await client.$transaction(
        async (tx) => {
          const sql = prismaExecutor(tx);
          if (origin.inbox) {
            const { consumer, event } = origin.inbox;
            if (!(await recordInbox(sql, consumer, event.id, event.type))) return undefined;
          }
          const audits: AuditRecord[] = [];
          const events: DomainEvent[] = [];
          const context = {
            actor: origin.actor,
            correlationId: origin.correlationId,
            causationId: origin.causationId,
          };
          const result = await work({
            tx,
            sql,
            now: (options.clock ?? WALL_CLOCK).now(),
            actor: origin.actor,
            lock: (table, ids) => lockRows(sql, table, ids),
            audit: (entry) =>
              audits.push({ ...entry, actor: origin.actor, correlationId: origin.correlationId }),
            publish: (type, aggregateId, payload) =>
              events.push(buildEvent(type, aggregateId, payload, context) as DomainEvent),
          });
          if (!result.ok) throw new RolledBack(result.refusal);
          await writeUnitRecords(sql, {
            audits,
            events,
            ...(origin.idempotencyKey ? { idempotencyKey: origin.idempotencyKey } : {}),
          });
          published = events.length;
          return result;
        },
        { ...PRISMA_TRANSACTION_OPTIONS, ...(timeoutMs ? { timeout: timeoutMs } : {}) },
      );
      if (published > 0) options.onEventsCommitted?.();
      return outcome;
    } catch (error) {
      if (error instanceof RolledBack) return { ok: false, refusal: error.refusal };
      throw error;
    }
  }

  /** Work without an inbox check always has an outcome. */
  async function executeOnce<T>(
    origin: Origin,
    work: (unit: Work<Tx>) => Promise<Outcome<T>>,
    timeoutMs?: number,
  ): Promise<Outcome<T>> {
    const outcome = await execute(origin, work, timeoutMs);
    if (!outcome) throw new Error('A unit of work without an inbox check returned no outcome');
    return outcome;
  }

  return {
    run(caller, work, runOptions) {
      return executeOnce(
        {
          actor: caller.user.username,
          correlationId: caller.correlationId,
          causationId: null,
          ...(caller.idempotencyKey ? { idempotencyKey: caller.idempotencyKey } : {}),
        },
        work,
        runOptions?.timeoutMs,
      );
    },
    runAs(actor, work, runOptions) {
      return executeOnce(
        { actor, correlationId: randomUUID(), causationId: null },
        work,
        runOptions?.timeoutMs,
      );
    },
    runOnce(delivery, work) {
      const { event } = delivery;
      return execute(
        {
          actor: delivery.actor ?? event.actor,
          correlationId: event.correlationId,
          causationId: event.id,
          inbox: { consumer: delivery.consumer, event },
        },
        work,
      );
    },
  };
}

/** Locks rows by id in sorted order (see Work.lock). */
export async function lockRows(
  sql: SqlExecutor,
  table: string,
  ids: readonly string[],
): Promise<void> {
  assertIdentifier(table);
  if (ids.length === 0) return;
  await sql.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
    [...ids].sort(),
  ]);
}
