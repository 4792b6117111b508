import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Pool } from 'pg';
import type { SqlExecutor } from '../db/pool';
import { badRequest, conflict, unprocessable } from './errors';

/** How long a reserved key may stay unanswered before a retry may run the request again. */
const IN_PROGRESS_LEASE = '2 minutes';

const keyedRequest = new AsyncLocalStorage<{ actor: string; key: string }>();

/**
 * `Idempotency-Key` for POSTs (API.md): the first request with a key runs and its response is
 * stored in the service's database; a repeat with the same body gets that response again and
 * changes nothing; the same key with a different body is refused with 422. Keys are per caller.
 *
 * The key is reserved before the handler runs, so concurrent repeats cannot both run (the second
 * gets 409). A 5xx response before the change committed releases the key for a retry. A crash between the change's commit
 * and storing the response is caught by `markRequestCommitted`, which the change's own
 * transaction calls: a key whose request committed is never run again, and one whose request did
 * not commit may be retried once its lease has passed.
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
    const actor = req.user?.username ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const proceed = () => {
      interceptResponse();
      keyedRequest.run({ actor, key }, () => next());
    };
    run().catch(next);

    async function run(): Promise<void> {
      const reserved = await pool.query(
        `INSERT INTO idempotency_keys (actor, key, method, path, request_hash)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
        [actor, key, req.method, req.originalUrl, requestHash],
      );
      if (reserved.rowCount === 0) return replay();
      proceed();
    }

    async function replay(): Promise<void> {
      const found = await pool.query<{
        request_hash: string;
        status_code: number | null;
        response_body: unknown;
        committed_at: Date | null;
      }>(
        `SELECT request_hash, status_code, response_body, committed_at
         FROM idempotency_keys WHERE actor = $1 AND key = $2`,
        [actor, key],
      );
      const earlier = found.rows[0];
      if (!earlier)
        return next(conflict('The earlier request with this Idempotency-Key is being retried'));
      if (earlier.request_hash !== requestHash) {
        return next(unprocessable('This Idempotency-Key was used with a different request'));
      }
      if (earlier.status_code !== null) {
        res.setHeader('Idempotent-Replayed', 'true');
        const isProblem = earlier.status_code >= 400;
        res
          .status(earlier.status_code)
          .type(isProblem ? 'application/problem+json' : 'application/json')
          .send(JSON.stringify(earlier.response_body));
        return;
      }
      if (earlier.committed_at !== null) {
        return next(
          conflict(
            'The request with this Idempotency-Key was carried out, but its response was lost; look the record up instead of retrying',
          ),
        );
      }
      const takenOver = await pool.query(
        `UPDATE idempotency_keys SET created_at = now()
         WHERE actor = $1 AND key = $2 AND status_code IS NULL AND committed_at IS NULL
           AND created_at < now() - interval '${IN_PROGRESS_LEASE}'
         RETURNING key`,
        [actor, key],
      );
      if (takenOver.rowCount === 0) {
        return next(conflict('A request with this Idempotency-Key is still in progress'));
      }
      proceed();
    }

    function interceptResponse(): void {
      const send = res.send.bind(res);
      res.send = (body?: unknown) => {
        const status = res.statusCode;
        const stored =
          status >= 500
            ? // A failure releases the key for a retry, unless the change had already committed.
              pool.query(
                'DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND committed_at IS NULL',
                [actor, key],
              )
            : pool.query(
                `UPDATE idempotency_keys SET status_code = $3, response_body = $4, completed_at = now()
                 WHERE actor = $1 AND key = $2`,
                [actor, key, status, storedBody(body)],
              );
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
    }
  };
}

/**
 * Marks the keyed request being served (if any) as committed, inside the transaction of its
 * change. `appendAudit` calls it, since every state change writes an audit entry.
 */
export async function markRequestCommitted(tx: SqlExecutor): Promise<void> {
  const request = keyedRequest.getStore();
  if (!request) return;
  await tx.query('UPDATE idempotency_keys SET committed_at = now() WHERE actor = $1 AND key = $2', [
    request.actor,
    request.key,
  ]);
}

function storedBody(body: unknown): string {
  if (Buffer.isBuffer(body)) return JSON.stringify(body.toString('utf8'));
  if (typeof body === 'string') {
    try {
      JSON.parse(body);
      return body;
    } catch {
      return JSON.stringify(body);
    }
  }
  return JSON.stringify(body ?? null);
}
