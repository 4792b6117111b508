import { Pool } from 'pg';
import { createPool, withTransaction } from '../src/db/pool';
import { isUnavailableError } from '../src/dependency-errors';
import { testDatabaseUrl } from './event-helpers';

// Found by the fault harness (npm run chaos): restarting PostgreSQL ended a connection that a
// transaction had checked out, pg emitted 'error' on it with no listener, and the service died.
describe('a transaction whose connection the server ends', () => {
  let pool: Pool;
  let admin: Pool;
  beforeAll(() => {
    pool = createPool(testDatabaseUrl(), 'public', 2);
    admin = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await admin.end();
  });

  it('fails that transaction, keeps the process alive and the pool usable', async () => {
    const attempt = withTransaction(pool, async (tx) => {
      const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [row!.pid]);
      // The server's goodbye arrives while no query runs: the moment that crashed the process.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.query('SELECT 1');
    });
    // …as an outage (503, retried), not as a bug (500): pg says the client is not queryable.
    const error: unknown = await attempt.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Error);
    expect(isUnavailableError(error)).toBe(true);
    // The broken connection was thrown away, not handed to the next caller.
    const { rows } = await pool.query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
