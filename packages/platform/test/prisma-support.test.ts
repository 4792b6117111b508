import fc from 'fast-check';
import { Pool } from 'pg';
import {
  PRISMA_TRANSACTION_OPTIONS,
  isUniqueViolation,
  prismaAdapter,
  yenFromBigInt,
} from '../src/db/prisma-support';

describe('isUniqueViolation', () => {
  it.each([
    ['Prisma P2002', { code: 'P2002' }],
    ['a pg error', { code: '23505' }],
    ['a pg error as cause', new Error('wrapped', { cause: { code: '23505' } })],
    [
      'the driver adapter error in meta',
      { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '23505' } } } },
    ],
  ])('recognises %s', (_label, error) => {
    expect(isUniqueViolation(error)).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'P2002'],
    ['another Prisma error', { code: 'P2025' }],
    [
      'a foreign-key violation',
      { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '23503' } } } },
    ],
    ['a plain Error', new Error('boom')],
  ])('refuses %s', (_label, error) => {
    expect(isUniqueViolation(error)).toBe(false);
  });

  it('stops on a cyclic cause chain', () => {
    const error: { code: string; cause?: unknown } = { code: 'X' };
    error.cause = error;
    expect(isUniqueViolation(error)).toBe(false);
  });
});

describe('yenFromBigInt', () => {
  it('keeps every safe integer exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (yen) => {
        expect(yenFromBigInt(BigInt(yen))).toBe(yen);
      }),
    );
  });

  it('refuses amounts past MAX_SAFE_INTEGER', () => {
    expect(() => yenFromBigInt(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => yenFromBigInt(-BigInt(Number.MAX_SAFE_INTEGER) - 1n)).toThrow(RangeError);
  });
});

describe('on a real database', () => {
  const pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1 });
  const table = `unique_violation_${process.pid}`;
  beforeAll(() => pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY)`));
  afterAll(async () => {
    await pool.query(`DROP TABLE ${table}`);
    await pool.end();
  });

  async function secondInsertError(insert: () => Promise<unknown>): Promise<unknown> {
    await insert();
    return insert().then(
      () => undefined,
      (error: unknown) => error,
    );
  }

  it('recognises the duplicate key error pg raises', async () => {
    const error = await secondInsertError(() => pool.query(`INSERT INTO ${table} VALUES (1)`));
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('recognises it through the Prisma adapter built on the pool', async () => {
    const adapter = await prismaAdapter(pool, 'public').connect();
    const error = await secondInsertError(() =>
      adapter.executeRaw({ sql: `INSERT INTO ${table} VALUES (2)`, args: [], argTypes: [] }),
    );
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation({ code: 'P2010', meta: { driverAdapterError: error } })).toBe(true);
  });

  it('uses longer waits than Prisma defaults (2 s for a connection, 5 s per transaction)', () => {
    expect(PRISMA_TRANSACTION_OPTIONS.maxWait).toBeGreaterThan(2_000);
    expect(PRISMA_TRANSACTION_OPTIONS.timeout).toBeGreaterThan(5_000);
  });
});
