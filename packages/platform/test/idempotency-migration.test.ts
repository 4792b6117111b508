import type { Pool } from 'pg';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool } from '../src/db/pool';
import { earlierMigrations, uniqueSchema } from '../src/testing';

const BYTES_MIGRATION = '20261126000000_idempotent_response_bytes';

// Responses stored as jsonb before the byte-exact replay keep being replayed after the upgrade.
describe('the migration to idempotent responses as bytes', () => {
  let pool: Pool;
  const schema = uniqueSchema('idem_upgrade');
  const earlier = earlierMigrations(PLATFORM_MIGRATIONS.dir, BYTES_MIGRATION);

  beforeAll(() => {
    pool = createPool(process.env.TEST_DATABASE_URL ?? '', schema);
  });
  afterAll(async () => {
    await pool.end();
    earlier.remove();
  });

  it('carries each stored response over as its JSON bytes with its content type', async () => {
    await migrate(pool, schema, [{ ...PLATFORM_MIGRATIONS, dir: earlier.dir }]);
    await pool.query(
      `INSERT INTO idempotency_keys (actor, key, method, path, request_hash, status_code, response_body)
       VALUES ('pat', 'ok', 'POST', '/api/x', 'h', 201, '{"id": "1"}'::jsonb),
              ('pat', 'refused', 'POST', '/api/x', 'h', 422, '{"status": 422}'::jsonb),
              ('pat', 'pending', 'POST', '/api/x', 'h', NULL, NULL)`,
    );
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
    const { rows } = await pool.query<{
      key: string;
      body: string | null;
      headers: Record<string, string> | null;
    }>(
      `SELECT key, convert_from(response_bytes, 'UTF8') AS body, response_headers AS headers
       FROM idempotency_keys ORDER BY key`,
    );
    expect(rows).toEqual([
      {
        key: 'ok',
        body: '{"id": "1"}',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      },
      { key: 'pending', body: null, headers: null },
      {
        key: 'refused',
        body: '{"status": 422}',
        headers: { 'content-type': 'application/problem+json; charset=utf-8' },
      },
    ]);
  });
});
