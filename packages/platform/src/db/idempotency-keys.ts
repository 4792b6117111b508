import type { Pool } from 'pg';

/** How long a reserved key may stay unanswered before a retry may run the request again. */
const IN_PROGRESS_LEASE = '2 minutes';

/** Keys are per caller: two users may use the same key for different requests. */
export interface IdempotencyKeyRef {
  actor: string;
  key: string;
  /**
   * Which run of the request holds the key (the reservation's timestamp): a run whose stale key
   * was taken over by a retry can no longer commit, so the request never takes effect twice.
   */
  lease?: string;
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

/** Reserves the key for this request: its lease, or undefined when it was reserved before. */
export async function reserveIdempotencyKey(
  pool: Pool,
  ref: IdempotencyKeyRef,
  request: { method: string; path: string; hash: string },
): Promise<string | undefined> {
  const reserved = await pool.query<{ lease: string }>(
    `INSERT INTO idempotency_keys (actor, key, method, path, request_hash)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (actor, key) DO NOTHING
     RETURNING created_at::text AS lease`,
    [ref.actor, ref.key, request.method, request.path, request.hash],
  );
  return reserved.rows[0]?.lease;
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

/**
 * Takes over a key whose request never committed and whose lease has passed: the new lease, or
 * undefined when the key is not stale.
 */
export async function takeOverStaleIdempotencyKey(
  pool: Pool,
  ref: IdempotencyKeyRef,
): Promise<string | undefined> {
  const takenOver = await pool.query<{ lease: string }>(
    `UPDATE idempotency_keys SET created_at = clock_timestamp()
     WHERE actor = $1 AND key = $2 AND status_code IS NULL AND committed_at IS NULL
       AND created_at < now() - interval '${IN_PROGRESS_LEASE}'
     RETURNING created_at::text AS lease`,
    [ref.actor, ref.key],
  );
  return takenOver.rows[0]?.lease;
}

export class IdempotencyLeaseLost extends Error {
  constructor(key: string) {
    super(`Idempotency-Key ${key} was taken over by a retry; this run does not take effect`);
    this.name = 'IdempotencyLeaseLost';
  }
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
