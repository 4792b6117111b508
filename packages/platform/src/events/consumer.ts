import type { Logger } from 'pino';
import { Counter, register as globalRegistry, type Registry } from 'prom-client';
import {
  deadLetterTopic,
  type BusMessage,
  type DeliveredMessage,
  type EventBus,
  type SubscribeOptions,
  type Subscription,
} from './event-bus';
import { isUnavailableError } from '../dependency-errors';
import { backoffDelay, sleep } from './timing';

/** Thrown by a handler for a message that can never succeed (e.g. unparseable): no retries. */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * A handler's definitive refusal: the event contradicts what the consumer knows (a payment order
 * for another vendor than the contract's). No retries; its dead letter carries the refusal's
 * code and reason in `x-refusal-code` and `x-refusal-reason`, besides `x-error`.
 */
export class RefusedEvent extends PermanentError {
  constructor(
    readonly reason: string,
    readonly code: string = 'unprocessable',
    options?: ErrorOptions,
  ) {
    super(reason, options);
    this.name = 'RefusedEvent';
  }
}

export interface RetryingSubscribeOptions extends SubscribeOptions {
  /** Attempts per message before it goes to the dead-letter topic. */
  maxAttempts?: number;
  /** Delay before the first retry; doubles per attempt, capped at 30 s. */
  backoffMs?: number;
  logger: Logger;
  /**
   * Where `denpyo_dead_letters_total` and `denpyo_events_consumed_total` are registered;
   * prom-client's global registry by default.
   */
  registry?: Registry;
}

const DEAD_LETTERS_METRIC = 'denpyo_dead_letters_total';
const CONSUMED_METRIC = 'denpyo_events_consumed_total';
const MAX_BACKOFF_MS = 30_000;
const MAX_ERROR_HEADER_LENGTH = 1000;

/**
 * Subscribes with a retry budget per message: a failing message is tried `maxAttempts` times
 * with backoff (a PermanentError skips the retries), then published to `<topic>.dlq` with the
 * error and its origin in headers, counted, and committed so the partition moves on. If even the
 * dead-letter publish fails, the message is not committed and the bus delivers it again.
 * Failures because a dependency is down (the database restarting, a pool exhausted in a burst)
 * do not spend the budget: such a message is retried until it goes through, so an outage can
 * never turn a payment order into a dead letter.
 */
export async function subscribeWithRetry(
  bus: EventBus,
  options: RetryingSubscribeOptions,
): Promise<Subscription> {
  const { groupId, topics, handle, logger, maxAttempts = 5, backoffMs = 200 } = options;
  const registry = options.registry ?? globalRegistry;
  const deadLetters = counter(registry, DEAD_LETTERS_METRIC, DEAD_LETTERS_HELP);
  const consumed = counter(registry, CONSUMED_METRIC, CONSUMED_HELP);
  const stopping = new AbortController();

  const handleWithRetries = async (message: DeliveredMessage): Promise<void> => {
    const origin = {
      groupId,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
    };
    let failures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handle(message);
        consumed.inc({ topic: message.topic, group: groupId });
        return;
      } catch (error) {
        const outage = isUnavailableError(error);
        if (!outage) failures += 1;
        if (!(error instanceof PermanentError) && (outage || failures < maxAttempts)) {
          logger.warn({ ...origin, err: error, attempt, outage }, 'event handler failed; retrying');
          await sleep(backoffDelay(attempt, backoffMs, MAX_BACKOFF_MS), stopping.signal);
          // Not committed: whoever holds the partition next starts this message afresh.
          if (stopping.signal.aborted) throw new Error('Stopped while retrying', { cause: error });
          continue;
        }
        await bus.publish([deadLetterMessage(message, error, failures)]);
        deadLetters.inc({ topic: message.topic, group: groupId });
        consumed.inc({ topic: message.topic, group: groupId });
        logger.error({ ...origin, err: error, attempts: failures }, 'event sent to dead letters');
        return;
      }
    }
  };

  const subscription = await bus.subscribe({ groupId, topics, handle: handleWithRetries });
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}

/**
 * The dead letter of a message: its key, value and headers, with the error, its origin and, for
 * a RefusedEvent, the refusal. Also for a consumer that refuses a message it had kept back
 * (a parked payment order), whose partition and offset it may no longer know.
 */
export function deadLetterMessage(
  message: BusMessage & { partition?: number; offset?: string },
  error: unknown,
  attempts: number,
): BusMessage {
  const description =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `Non-error thrown: ${String(error)}`;
  return {
    topic: deadLetterTopic(message.topic),
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      'x-error': description.slice(0, MAX_ERROR_HEADER_LENGTH),
      'x-original-topic': message.topic,
      ...(message.partition === undefined
        ? {}
        : { 'x-original-partition': String(message.partition) }),
      ...(message.offset === undefined ? {} : { 'x-original-offset': message.offset }),
      'x-attempts': String(attempts),
      ...(error instanceof RefusedEvent
        ? {
            'x-refusal-code': error.code,
            'x-refusal-reason': error.reason.slice(0, MAX_ERROR_HEADER_LENGTH),
          }
        : {}),
    },
  };
}

const DEAD_LETTERS_HELP = 'Events that kept failing and were published to a dead-letter topic';
/** Per instance: how the members of a group share the work (handled or dead-lettered). */
const CONSUMED_HELP = 'Events this process took off the bus and is done with';

/** One counter per registry and name, shared by all subscriptions registered there. */
function counter(registry: Registry, name: string, help: string): Counter<'topic' | 'group'> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'topic' | 'group'>;
  return new Counter({ name, help, labelNames: ['topic', 'group'], registers: [registry] });
}
