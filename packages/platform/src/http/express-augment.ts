import type { AuthUser } from '@denpyo/schemas';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: AuthUser;
      /** Carried from request to event to consumer, so one business action can be traced. */
      correlationId: string;
    }
  }
}
