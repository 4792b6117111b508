import { Pool } from 'pg';
import { createPool } from '../src/db/pool';
import { testDatabaseUrl } from './event-helpers';

// Found by the fault harness (npm run chaos): pg-pool takes its own 'error' listener off a
// connection when it hands the connection to a waiting `await pool.connect()`, and the taker can
// add one only when its await resumes. When the previous user's answer and the server's goodbye
// (PostgreSQL restarting) come in one read, pg emits 'error' in between, with no listener, and
// the process died.
describe('a connection the server ends while the pool hands it over', () => {
  let pool: Pool;
  let admin: Pool;
  beforeAll(async () => {
    pool = createPool(testDatabaseUrl(), 'public', 1);
    pool.on('error', () => undefined); // as every service does (service.ts)
    admin = new Pool({ connectionString: testDatabaseUrl(), max: 1 });
    await admin.query('SELECT 1');
  });
  afterAll(async () => {
    await pool.end();
    await admin.end();
  });

  it('fails the taker on its next query, keeps the process alive and the pool usable', async () => {
    const {
      rows: [held],
    } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // The server ends the pool's only connection just after answering the query below…
    const terminated = admin.query('SELECT pg_sleep(0.4), pg_terminate_backend($1)', [held!.pid]);
    const answered = pool.query('SELECT pg_sleep(0.1)');
    const taken = pool.connect(); // …which a waiting caller takes over
    await new Promise((resolve) => setTimeout(resolve, 50)); // both queries sent
    // …while this process is busy, so that the answer and the goodbye arrive in one read.
    const until = Date.now() + 1_200;
    while (Date.now() < until) {
      /* busy */
    }
    await answered;
    await terminated;
    const client = await taken;
    const error: unknown = await client.query('SELECT 1').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    client.release(error instanceof Error ? error : undefined);
    expect(error).toBeInstanceOf(Error);
    const { rows } = await pool.query('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
