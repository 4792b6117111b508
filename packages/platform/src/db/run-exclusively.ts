import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` unless another process runs the work of that name now (the instances of a
 * service name their periodic tasks alike): a session advisory lock on one of the pool's
 * connections, taken with pg_try_advisory_lock and held while `work` runs. A run that finds the
 * lock taken is skipped (false); the next one tries again. If the connection dies mid-run the
 * lock goes with it, which is why the tasks themselves still lock the rows they change.
 */
export async function runExclusively(
  pool: Pool,
  name: string,
  work: () => Promise<void>,
): Promise<boolean> {
  const client = await pool.connect();
  let locked: boolean;
  try {
    locked = await lock(client, 'pg_try_advisory_lock', name);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  if (!locked) {
    client.release();
    return false;
  }
  try {
    await work();
    return true;
  } finally {
    // A connection that cannot unlock is closed: its lock must not outlive the run.
    await lock(client, 'pg_advisory_unlock', name).then(
      () => client.release(),
      (error: Error) => client.release(error),
    );
  }
}

async function lock(
  client: PoolClient,
  fn: 'pg_try_advisory_lock' | 'pg_advisory_unlock',
  name: string,
): Promise<boolean> {
  const result = await client.query<{ done: boolean }>(`SELECT ${fn}(hashtext($1)) AS done`, [
    name,
  ]);
  return result.rows[0]?.done === true;
}
