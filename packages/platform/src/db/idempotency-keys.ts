import type { Pool } from 'pg';
import type { SqlExecutor } from './pool';

/** How long a reserved key may stay unanswered before a retry may run the request again. */
const IN_PROGRESS_LEASE = '2 minutes';

/** Keys are per caller: two users may use the same key for different requests. */
export interface IdempotencyKeyRef {
  actor: string;
  key: string;
}

/** The response sent for a keyed request, kept as the bytes that went out. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type StoredKey =
  | { state: 'answered'; requestHash: string; response: StoredResponse }
  | { state: 'committed'; requestHash: string }
  | { state: 'in-progress'; requestHash: string };

/** Reserves the key for this request; false when it was reserved before. */
export async function reserveIdempotencyKey(
  pool: Pool,
  ref: IdempotencyKeyRef,
  request: { method: string; path: string; hash: string },
): Promise<boolean> {
  const reserved = await pool.query(
    `INSERT INTO idempotency_keys (actor, key, method, path, request_hash)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
    [ref.actor, ref.key, request.method, request.path, request.hash],
  );
  return reserved.rowCount === 1;
}

export async function findIdempotencyKey(
  pool: Pool,
  ref: IdempotencyKeyRef,
): Promise<StoredKey | undefined> {
  const found = await pool.query<{
    request_hash: string;
    status_code: number | null;
    response_headers: Record<string, string> | null;
    response_bytes: Buffer | null;
    committed_at: Date | null;
  }>(
    `SELECT request_hash, status_code, response_headers, response_bytes, committed_at
     FROM idempotency_keys WHERE actor = $1 AND key = $2`,
    [ref.actor, ref.key],
  );
  const row = found.rows[0];
  if (!row) return undefined;
  if (row.status_code !== null && row.response_bytes !== null) {
    return {
      state: 'answered',
      requestHash: row.request_hash,
      response: {
        status: row.status_code,
        headers: row.response_headers ?? {},
        body: row.response_bytes,
      },
    };
  }
  return { state: row.committed_at ? 'committed' : 'in-progress', requestHash: row.request_hash };
}

/** Takes over a key whose request never committed and whose lease has passed; false otherwise. */
export async function takeOverStaleIdempotencyKey(
  pool: Pool,
  ref: IdempotencyKeyRef,
): Promise<boolean> {
  const takenOver = await pool.query(
    `UPDATE idempotency_keys SET created_at = now()
     WHERE actor = $1 AND key = $2 AND status_code IS NULL AND committed_at IS NULL
       AND created_at < now() - interval '${IN_PROGRESS_LEASE}'
     RETURNING key`,
    [ref.actor, ref.key],
  );
  return takenOver.rowCount === 1;
}

/**
 * Marks the keyed request's change as committed, inside the change's own transaction (the unit
 * of work does it): a request that committed but crashed before its response was stored is
 * never run a second time.
 */
export async function commitIdempotencyKey(tx: SqlExecutor, ref: IdempotencyKeyRef): Promise<void> {
  await tx.query('UPDATE idempotency_keys SET committed_at = now() WHERE actor = $1 AND key = $2', [
    ref.actor,
    ref.key,
  ]);
}

export async function storeIdempotentResponse(
  pool: Pool,
  ref: IdempotencyKeyRef,
  response: StoredResponse,
): Promise<void> {
  await pool.query(
    `UPDATE idempotency_keys
     SET status_code = $3, response_headers = $4::jsonb, response_bytes = $5, completed_at = now()
     WHERE actor = $1 AND key = $2`,
    [ref.actor, ref.key, response.status, JSON.stringify(response.headers), response.body],
  );
}

/** Frees the key after a failure, unless the change had already committed. */
export async function releaseIdempotencyKey(pool: Pool, ref: IdempotencyKeyRef): Promise<void> {
  await pool.query(
    'DELETE FROM idempotency_keys WHERE actor = $1 AND key = $2 AND committed_at IS NULL',
    [ref.actor, ref.key],
  );
}
