import { Pool, type PoolClient } from 'pg';

/**
 * The slice of a SQL client that platform code needs. Both a `pg` client and a Prisma
 * transaction client (`$executeRawUnsafe`/`$queryRawUnsafe`) can provide it, so the outbox,
 * inbox and audit rows commit in the same transaction as a service's own Prisma writes.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

/** A pool whose connections see only the service's own schema (search_path), as DESIGN.md requires. */
export function createPool(databaseUrl: string, schema: string, max = 10): Pool {
  assertIdentifier(schema);
  const pool = new Pool({
    connectionString: databaseUrl,
    max,
    // Fail fast (then 503) instead of queueing requests while the database is away.
    connectionTimeoutMillis: 5_000,
    options: `-c search_path=${schema}`,
    application_name: schema,
  });
  // pg-pool takes its 'error' listener off a connection as it hands it to a waiting
  // `await pool.connect()`, whose caller can add one only when the await resumes. If the server's
  // goodbye (PostgreSQL restarting) is in the same read as the previous user's answer, pg emits
  // 'error' in between with no listener, which kills the process. This listener, for the
  // connection's whole life, closes that gap; the taker still sees the failure (the connection
  // is no longer queryable, so its next query fails and pg-pool discards it on release).
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function pgExecutor(client: Pool | PoolClient): SqlExecutor {
  return {
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
  };
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function withTransaction<T>(
  pool: Pool,
  work: (tx: SqlExecutor, client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out connection that the server ends (PostgreSQL restarting) emits 'error', and
  // with no listener that would crash the process; the transaction's next query fails instead,
  // and the broken connection is thrown away rather than returned to the pool.
  let broken: Error | undefined;
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(pgExecutor(client), client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Schema and table names are interpolated into SQL, so they must be plain identifiers. */
export function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a valid SQL identifier: ${name}`);
}

/** For /ready: true when the database answers within `timeoutMs`. */
export async function isDatabaseReachable(pool: Pool, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
