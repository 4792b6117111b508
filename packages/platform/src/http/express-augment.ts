import type { AuthUser } from '@denpyo/schemas';
import type { IdempotencyKeyRef } from '../db/idempotency-keys';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
      /** Carried from request to event to consumer, so one business action can be traced. */
      correlationId: string;
      /** Set by the idempotency middleware for a keyed POST; committed by the unit of work. */
      idempotencyKey?: IdempotencyKeyRef;
      /** A JSON or XML body's bytes as received (after the edge's limits), for forwarding and hashing. */
      rawBody?: Buffer;
    }
  }
}
