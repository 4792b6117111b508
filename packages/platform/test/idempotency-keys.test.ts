import type { Pool } from 'pg';
import { writeUnitRecords } from '../src/application/unit-records';
import {
  IdempotencyLeaseLost,
  reserveIdempotencyKey,
  takeOverStaleIdempotencyKey,
} from '../src/db/idempotency-keys';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, withTransaction } from '../src/db/pool';
import { uniqueSchema } from '../src/testing';

// A request whose key a retry took over (its lease had passed) must not take effect as well.
describe('an Idempotency-Key lease', () => {
  let pool: Pool;
  const schema = uniqueSchema('idem_lease');
  beforeAll(async () => {
    pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
  });
  afterAll(() => pool.end());

  const commit = (ref: { actor: string; key: string; lease: string }) =>
    withTransaction(pool, (tx) =>
      writeUnitRecords(tx, { audits: [], events: [], idempotencyKey: ref }),
    );

  it('lets only the run holding the lease commit, and only once', async () => {
    const ref = { actor: 'pat', key: 'slow-request' };
    const request = { method: 'POST', path: '/api/x', hash: 'h' };
    const first = await reserveIdempotencyKey(pool, ref, request);
    expect(first).toEqual(expect.any(String));
    expect(await reserveIdempotencyKey(pool, ref, request)).toBeUndefined();
    expect(await takeOverStaleIdempotencyKey(pool, ref)).toBeUndefined(); // not stale yet

    // The first run is still working when its lease passes, and a retry takes the key over.
    await pool.query(
      "UPDATE idempotency_keys SET created_at = created_at - interval '3 minutes' WHERE key = $1",
      [ref.key],
    );
    const stale = (await pool.query('SELECT created_at::text AS lease FROM idempotency_keys'))
      .rows[0].lease as string;
    const retry = await takeOverStaleIdempotencyKey(pool, ref);
    expect(retry).toEqual(expect.any(String));
    expect(retry).not.toBe(stale);

    await expect(commit({ ...ref, lease: stale })).rejects.toBeInstanceOf(IdempotencyLeaseLost);
    await expect(commit({ ...ref, lease: retry! })).resolves.toBeUndefined();
    await expect(commit({ ...ref, lease: retry! })).rejects.toBeInstanceOf(IdempotencyLeaseLost);
    const { rows } = await pool.query(
      'SELECT committed_at IS NOT NULL AS committed FROM idempotency_keys',
    );
    expect(rows).toEqual([{ committed: true }]);
  });
});
