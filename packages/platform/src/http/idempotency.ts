import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import {
  findIdempotencyKey,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
  storeIdempotentResponse,
  takeOverStaleIdempotencyKey,
  type IdempotencyKeyRef,
  type StoredResponse,
} from '../db/idempotency-keys';
import { badRequest, conflict, unprocessable } from './errors';

/** Answers that mean "not now": a conflict with another change, throttling, a failure. */
const RETRYABLE = (status: number) => status >= 500 || status === 409 || status === 429;

/** The response headers a replay repeats; the rest (dates, request ids) belong to each answer. */
const REPLAYED_HEADERS = ['content-type', 'location'] as const;

/**
 * `Idempotency-Key` for POSTs (API.md): the first request with a key runs and its response is
 * stored, as the bytes that were sent, in the service's database; a repeat with the same body
 * gets exactly that response again and changes nothing; the same key with a different body is
 * refused with 422. Keys are per caller.
 *
 * The key is reserved before the handler runs, so concurrent repeats cannot both run (the second
 * gets 409). The key is handed to the use case (`req.idempotencyKey`), whose unit of work marks
 * it committed in the change's own transaction: a key whose request committed is never run
 * again, even if the process died before the response was stored. A 5xx before the commit
 * releases the key for a retry; a key whose request never answered may be retried after a lease.
 */
export function idempotency(pool: Pool): RequestHandler {
  return (req, res, next) => {
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined) return next();
    if (!/^[\w.:-]{1,200}$/.test(key)) {
      return next(
        badRequest('Idempotency-Key must be 1–200 characters of letters, digits, . _ : -'),
      );
    }
    const ref: IdempotencyKeyRef = { actor: req.user?.username ?? 'anonymous', key };
    // The body's bytes as received, not a re-serialisation of what was parsed: hashing never
    // walks the parsed value, and a repeat is the same request only if it is byte for byte.
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n`)
      .update(req.rawBody ?? Buffer.alloc(0))
      .digest('hex');
    const proceed = (lease: string) => {
      req.idempotencyKey = { ...ref, lease };
      recordResponse();
      next();
    };
    run().catch(next);

    async function run(): Promise<void> {
      const request = { method: req.method, path: req.originalUrl, hash: requestHash };
      const lease = await reserveIdempotencyKey(pool, ref, request);
      if (lease) return proceed(lease);
      const earlier = await findIdempotencyKey(pool, ref);
      if (!earlier)
        return next(conflict('The earlier request with this Idempotency-Key is being retried'));
      if (earlier.requestHash !== requestHash) {
        return next(unprocessable('This Idempotency-Key was used with a different request'));
      }
      switch (earlier.state) {
        case 'answered':
          res.setHeader('Idempotent-Replayed', 'true');
          res.status(earlier.response.status).set(earlier.response.headers);
          res.send(earlier.response.body);
          return;
        case 'committed':
          return next(
            conflict(
              'The request with this Idempotency-Key was carried out, but its response was lost; look the record up instead of retrying',
            ),
          );
        case 'in-progress': {
          const takenOver = await takeOverStaleIdempotencyKey(pool, ref);
          if (takenOver) return proceed(takenOver);
          return next(conflict('A request with this Idempotency-Key is still in progress'));
        }
      }
    }

    function recordResponse(): void {
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const stored = RETRYABLE(res.statusCode)
          ? // A failure, or a refusal that says "try again", releases the key for a retry
            // (unless the change had already committed): replaying it would refuse forever.
            releaseIdempotencyKey(pool, ref)
          : storeIdempotentResponse(pool, ref, responseOf(res.statusCode, body));
        // The client gets its answer only once the outcome is recorded, so a quick retry replays it.
        stored.then(
          () => send(body),
          (error: unknown) => {
            req.log.error({ err: error }, 'could not record idempotent response');
            send(body);
          },
        );
        return res;
      };

      function responseOf(status: number, body: unknown): StoredResponse {
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = res.getHeader(name);
          if (typeof value === 'string') headers[name] = value;
        }
        return { status, headers, body: asBytes(body) };
      }
    }
  };
}

/** What `res.send` writes for a body: express sends strings as UTF-8 and objects as JSON. */
function asBytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body ?? null), 'utf8');
}
