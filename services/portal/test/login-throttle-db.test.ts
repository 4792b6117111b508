import { join } from 'node:path';
import { createPool, createPrismaClient, migrate, PLATFORM_MIGRATIONS } from '@denpyo/platform';
import { uniqueSchema } from '@denpyo/platform/testing';
import { databaseLoginThrottle, type LoginThrottle } from '../src/application/login-throttle';
import { pruneFailures } from '../src/db/login-failures';
import { DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from '../src/domain/login-throttle';
import { PrismaClient } from '../src/generated/prisma/client';

// The throttle as several portals share it: its rows in the portal's own schema.
describe('the login throttle kept in the database', () => {
  const schema = uniqueSchema('portal_throttle');
  const pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
  const db = createPrismaClient(PrismaClient, { pool, schema });

  beforeAll(async () => {
    await migrate(pool, schema, [
      PLATFORM_MIGRATIONS,
      { stream: 'service', dir: join(__dirname, '..', 'prisma', 'migrations') },
    ]);
  });
  beforeEach(() => pool.query('DELETE FROM login_failures'));
  afterAll(async () => {
    await db.$disconnect();
    await pool.end();
  });

  /** Two portals: separate throttles over the same table. */
  const portals = (policy: Partial<ThrottlePolicy> = {}): [LoginThrottle, LoginThrottle] => [
    databaseLoginThrottle(db, { ...DEFAULT_THROTTLE_POLICY, ...policy }),
    databaseLoginThrottle(db, { ...DEFAULT_THROTTLE_POLICY, ...policy }),
  ];

  /** One attempt that fails (the row stays), or undefined when the throttle refused it. */
  const fail = async (throttle: LoginThrottle, account: string, client: string) => {
    const start = await throttle.begin(account, client);
    return start.admitted ? 'failed' : start.refused.refusal.retryAfterSeconds;
  };

  it('makes a failing client wait, on every portal, while another client signs in', async () => {
    const [one, two] = portals();
    expect(await fail(one, 'admin', '203.0.113.9')).toBe('failed');
    // The second portal knows of the failure: 1 s to wait.
    expect(await fail(two, 'admin', '203.0.113.9')).toBe(1);
    // Another client is not refused because of it, and its success clears only its own.
    const other = await two.begin('admin', '198.51.100.7');
    expect(other.admitted).toBe(true);
    if (other.admitted) await other.attempt.succeeded();
    expect(await fail(one, 'admin', '203.0.113.9')).toBe(1);
    const rows = await pool.query('SELECT account, client FROM login_failures');
    expect(rows.rows).toEqual([{ account: 'admin', client: '203.0.113.9' }]);
  });

  it('lets the client try again after its back-off, and doubles it after the next failure', async () => {
    const [one] = portals({ baseDelayMs: 200 });
    expect(await fail(one, 'alice', '10.0.0.1')).toBe('failed');
    expect(await fail(one, 'alice', '10.0.0.1')).toBe(1); // 200 ms, shown as 1 s
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await fail(one, 'alice', '10.0.0.1')).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Two failures: 400 ms, of which 250 have passed.
    expect(await fail(one, 'alice', '10.0.0.1')).toBe(1);
    // Refused attempts were not counted: still two failures.
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM login_failures');
    expect(rows[0].n).toBe(2);
  });

  it('judges a burst of parallel guesses one by one: only the first is let through', async () => {
    const [one, two] = portals();
    const starts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? one : two).begin('bob', '10.0.0.2')),
    );
    expect(starts.filter((start) => start.admitted)).toHaveLength(1);
  });

  it('forgets the success of the rightful user: their own failures are cleared', async () => {
    const [one] = portals({ baseDelayMs: 1 });
    expect(await fail(one, 'carol', '10.0.0.3')).toBe('failed');
    await new Promise((resolve) => setTimeout(resolve, 10));
    const right = await one.begin('Carol', '10.0.0.3');
    expect(right.admitted).toBe(true);
    if (right.admitted) await right.attempt.succeeded();
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM login_failures');
    expect(rows[0].n).toBe(0);
  });

  it('stops one client spraying many accounts, but not the accounts’ own users elsewhere', async () => {
    const [one] = portals({ clientFailureLimit: 5 });
    for (let i = 0; i < 5; i += 1) expect(await fail(one, `user${i}`, '10.0.0.4')).toBe('failed');
    const sprayed = await fail(one, 'user9', '10.0.0.4');
    expect(sprayed).toBeGreaterThan(800); // until the oldest failure leaves the 15-minute window
    expect((await one.begin('user0', '10.0.0.5')).admitted).toBe(true);
  });

  it('slows every client that failed on an account guessed from many clients; a fresh client passes', async () => {
    const [one] = portals({ accountFailureLimit: 4 });
    for (let i = 0; i < 4; i += 1) expect(await fail(one, 'dave', `10.0.1.${i}`)).toBe('failed');
    // Client 10.0.1.0 failed 5 s ago: its own back-off (1 s) is over, the account's is not.
    await pool.query(
      "UPDATE login_failures SET failed_at = now() - interval '5 seconds' WHERE client = '10.0.1.0'",
    );
    expect(await fail(one, 'dave', '10.0.1.0')).toBe(1);
    expect((await one.begin('dave', '10.0.9.9')).admitted).toBe(true);
  });

  it('past the global limit, refuses clients with recent failures only', async () => {
    const [one] = portals({ globalFailuresPerMinute: 3 });
    for (let i = 0; i < 3; i += 1)
      expect(await fail(one, `erin${i}`, `10.0.2.${i}`)).toBe('failed');
    expect(await fail(one, 'someone', '10.0.2.0')).toBe(60);
    expect((await one.begin('someone', '10.0.2.99')).admitted).toBe(true);
  });

  it('prunes failures older than a day', async () => {
    await pool.query(
      "INSERT INTO login_failures (account, client, failed_at) VALUES ('old', 'x', now() - interval '25 hours'), ('new', 'x', now())",
    );
    expect(await pruneFailures(db)).toBe(1);
    const { rows } = await pool.query('SELECT account FROM login_failures');
    expect(rows).toEqual([{ account: 'new' }]);
  });
});
