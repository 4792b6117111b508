import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { createPool } from '../src/db/pool';
import { migrate, PLATFORM_MIGRATIONS, readMigrations } from '../src/db/migrator';
import { uniqueSchema } from '../src/testing';

const databaseUrl = (): string => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by the jest globalSetup');
  return url;
};

function migrationDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'denpyo-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('migrator', () => {
  let pool: Pool;
  let schema: string;
  beforeEach(() => {
    schema = uniqueSchema('mig');
    pool = createPool(databaseUrl(), schema);
  });
  afterEach(() => pool.end());

  it('applies each migration once, in name order, and records it', async () => {
    const dir = migrationDir({
      '20260101000000_b': 'ALTER TABLE things ADD COLUMN label text',
      '20250101000000_a': 'CREATE TABLE things (id int PRIMARY KEY)',
    });
    const first = await migrate(pool, schema, [{ stream: 'service', dir }]);
    expect(first.map((m) => m.name)).toEqual(['20250101000000_a', '20260101000000_b']);
    expect(await migrate(pool, schema, [{ stream: 'service', dir }])).toEqual([]);
    const columns = await pool.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'things' ORDER BY ordinal_position`,
      [schema],
    );
    expect(columns.rows.map((r) => r.column_name)).toEqual(['id', 'label']);
  });

  it('rolls a failing migration back whole and stops there', async () => {
    const dir = migrationDir({
      '1_ok': 'CREATE TABLE a (id int)',
      '2_bad': 'CREATE TABLE b (id int); SELECT no_such_function()',
      '3_never': 'CREATE TABLE c (id int)',
    });
    await expect(migrate(pool, schema, [{ stream: 'service', dir }])).rejects.toThrow(
      /2_bad failed/,
    );
    const tables = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema],
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(['a', 'schema_migrations']);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const dir = migrationDir({ '1_t': 'CREATE TABLE t (id int)' });
    await migrate(pool, schema, [{ stream: 'service', dir }]);
    writeFileSync(join(dir, '1_t', 'migration.sql'), 'CREATE TABLE t (id bigint)');
    await expect(migrate(pool, schema, [{ stream: 'service', dir }])).rejects.toThrow(
      /changed after it was applied/,
    );
  });

  it('lets concurrent starters race safely: each migration applied exactly once', async () => {
    const dir = migrationDir({ '1_t': 'CREATE TABLE t (id int)' });
    const results = await Promise.all(
      [1, 2, 3].map(() => migrate(pool, schema, [PLATFORM_MIGRATIONS, { stream: 'service', dir }])),
    );
    const applied = results.flat().map((m) => `${m.stream}/${m.name}`);
    expect(new Set(applied).size).toBe(applied.length);
    expect(applied).toHaveLength(readMigrations(PLATFORM_MIGRATIONS.dir).length + 1);
  });

  it('makes the audit trail append-only', async () => {
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
    await pool.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id) VALUES ('a', 'x', 'y', '1')`,
    );
    await expect(pool.query(`UPDATE audit_log SET actor = 'b'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
