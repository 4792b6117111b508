import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@denpyo/schemas';
import { writeUnitRecords } from '../src/application/unit-records';
import { verifyAuditChain } from '../src/audit-chain';
import { IdempotencyLeaseLost, reserveIdempotencyKey } from '../src/db/idempotency-keys';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { createPool, pgExecutor, withTransaction } from '../src/db/pool';
import { buildEvent } from '../src/events/domain-events';
import { uniqueSchema } from '../src/testing';
import { testDatabaseUrl as databaseUrl } from './event-helpers';

// A unit of work's audit entries, outbox messages and Idempotency-Key mark go in one statement.
describe('writeUnitRecords', () => {
  let pool: Pool;
  const schema = uniqueSchema('unit_records');
  beforeAll(async () => {
    pool = createPool(databaseUrl(), schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
  });
  afterAll(() => pool.end());

  const event = (aggregateId: string) =>
    buildEvent(
      'VendorRegistered',
      aggregateId,
      {
        vendorId: aggregateId,
        name: '株式会社デンピョウ',
        nameKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
        bankAccount: {
          bankCode: '0001',
          branchCode: '001',
          type: 'ordinary',
          number: '1234567',
          holderKana: 'ｶ)ﾃﾞﾝﾋﾟﾖｳ',
        },
      },
      { actor: 'alice', correlationId: 'corr' },
    ) as DomainEvent;

  it('writes the entries in order, chained, with their snapshots and amounts as given', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await withTransaction(pool, (tx) =>
      writeUnitRecords(tx, {
        audits: [
          {
            actor: 'alice',
            action: 'one',
            entityType: 't',
            entityId: '1',
            amount: 9_007_199_254_740_993n,
            before: null,
            after: { 名称: '株式会社', n: 1n },
            correlationId: 'corr',
          },
          { actor: 'alice', action: 'two', entityType: 't', entityId: '2' },
        ],
        events: [event(first), event(second)],
      }),
    );
    const audits = await pool.query(
      `SELECT action, amount::text, before, after, before IS NULL AS before_absent
       FROM audit_log ORDER BY chain_seq`,
    );
    expect(audits.rows).toEqual([
      // An explicit null is JSON null; an absent snapshot is SQL NULL (as appendAudit wrote them).
      {
        action: 'one',
        amount: '9007199254740993',
        before: null,
        after: { 名称: '株式会社', n: 1 },
        before_absent: false,
      },
      { action: 'two', amount: null, before: null, after: null, before_absent: true },
    ]);
    const outbox = await pool.query('SELECT key, topic FROM outbox ORDER BY seq');
    expect(outbox.rows.map((row) => row.key)).toEqual([first, second]);
    expect(await verifyAuditChain(pgExecutor(pool), schema)).toMatchObject({
      status: 'intact',
      entries: 2,
    });
  });

  it('rolls the whole unit back when a retry took its Idempotency-Key over', async () => {
    const ref = { actor: 'pat', key: randomUUID() };
    await reserveIdempotencyKey(pool, ref, { method: 'POST', path: '/api/x', hash: 'h' });
    const before = (await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    await expect(
      withTransaction(pool, (tx) =>
        writeUnitRecords(tx, {
          audits: [{ actor: 'pat', action: 'x', entityType: 't', entityId: '1' }],
          events: [],
          idempotencyKey: { ...ref, lease: '2000-01-01 00:00:00+00' },
        }),
      ),
    ).rejects.toBeInstanceOf(IdempotencyLeaseLost);
    expect((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });
});
