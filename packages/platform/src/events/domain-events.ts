import { randomUUID } from 'node:crypto';
import {
  EVENT_PAYLOADS,
  EVENT_VERSION,
  parseEvent,
  type DomainEvent,
  type EventOf,
  type EventPayload,
  type EventType,
} from '@denpyo/schemas';
import type { Outcome } from '../application/outcome';
import type { ConsumerDefinition } from '../service';
import { PermanentError, RefusedEvent } from './consumer';

export interface EventContext {
  actor: string;
  correlationId: string;
  /** The event that caused this one, when a consumer publishes in reaction to another event. */
  causationId?: string | null;
}

/** Builds an envelope whose payload is checked against the pinned event contract. */
export function buildEvent<T extends EventType>(
  type: T,
  aggregateId: string,
  payload: EventPayload<T>,
  context: EventContext,
): EventOf<T> {
  return {
    id: randomUUID(),
    type,
    version: EVENT_VERSION,
    occurredAt: new Date().toISOString(),
    aggregateId,
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    actor: context.actor,
    payload: EVENT_PAYLOADS[type].parse(payload) as EventPayload<T>,
  } as EventOf<T>;
}

/** One use case per event type; what it returns is its outcome (undefined: already handled). */
export type EventHandlers = {
  [T in EventType]?: (event: EventOf<T>) => Promise<Outcome<unknown> | undefined>;
};

/**
 * A service's one subscription (one consumer group, all the topics it reads), dispatching each
 * event to the handler for its type (one handler per event type); other types are skipped. One
 * group per service keeps the per-aggregate order between event types (received before
 * rejected), and Kafka and the event log both expect a group's members to share one subscription.
 */
export function eventConsumer(
  groupId: string,
  topics: string[],
  handlers: EventHandlers,
): ConsumerDefinition {
  return {
    groupId,
    topics,
    async handle(message) {
      let event: DomainEvent;
      try {
        event = parseEvent(JSON.parse(message.value));
      } catch (error) {
        throw new PermanentError(`Unreadable event: ${(error as Error).message}`);
      }
      const handler = handlers[event.type] as
        ((event: DomainEvent) => Promise<Outcome<unknown> | undefined>) | undefined;
      const outcome = handler ? await handler(event) : undefined;
      // A refused event can never be applied: to the dead letters, with the reason, not dropped.
      if (outcome && !outcome.ok) {
        throw new RefusedEvent(
          `${event.type} ${event.id} refused: ${outcome.refusal.message}`,
          outcome.refusal.code,
        );
      }
    },
  };
}
