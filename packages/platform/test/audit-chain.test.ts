import type { Pool } from 'pg';
import type { KeptHead } from '@denpyo/schemas';
import {
  auditEntryHash,
  ChainVerifier,
  verifyAuditChain,
  type Anchor,
  type ChainEntry,
} from '../src/audit-chain';
import { appendAudit } from '../src/audit';
import { createPool, pgExecutor, withTransaction } from '../src/db/pool';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { earlierMigrations, uniqueSchema } from '../src/testing';
import { testDatabaseUrl as databaseUrl } from './event-helpers';

/** A chain of `n` entries made the way the database makes them. */
function chain(n: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const content = {
      seq: String(i),
      id: String(i + 10),
      at: `2026-11-28T00:00:0${i % 10}.123456Z`,
      actor: 'procurement',
      action: 'contract.created',
      entityType: 'contract',
      entityId: `c-${i}`,
      amount: i % 2 ? '1000' : null,
      counterparty: null,
      before: null,
      after: '{"a": 1}',
      correlationId: 'corr',
      prevHash: entries[i - 2]?.hash ?? null,
    };
    entries.push({ ...content, hash: auditEntryHash(content) });
  }
  return entries;
}

/** The verdict on `entries`, given in two pages. */
const verify = (
  entries: ChainEntry[],
  anchors: Anchor[] = [],
  kept: Pick<KeptHead, 'sequence' | 'hash'>[] = [],
) => {
  const verifier = new ChainVerifier<ChainEntry>(auditEntryHash, anchors, kept);
  verifier.add(entries.slice(0, 2));
  verifier.add(entries.slice(2));
  return verifier.result();
};

/** The chain as a superuser rewrites it: entry `seq` by another actor, every hash re-computed. */
function rewritten(entries: ChainEntry[], seq: string): ChainEntry[] {
  const rewrite: ChainEntry[] = [];
  for (const entry of entries) {
    const content = {
      ...entry,
      actor: entry.seq === seq ? 'approver2' : entry.actor,
      prevHash: rewrite.at(-1)?.hash ?? null,
    };
    rewrite.push({ ...content, hash: auditEntryHash(content) });
  }
  return rewrite;
}

describe('ChainVerifier', () => {
  it('finds an untouched chain intact and names its head', () => {
    const entries = chain(5);
    expect(verify(entries)).toEqual({
      entries: 5,
      head: { id: '15', sequence: 5, hash: entries[4]!.hash },
      status: 'intact',
    });
    expect(verify([])).toEqual({ entries: 0, head: null, status: 'intact' });
  });

  it('names an entry whose content was changed', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, actor: 'approver2' };
    expect(verify(entries)).toMatchObject({
      status: 'broken',
      entries: 5,
      firstBroken: { id: '13', sequence: 3, reason: 'content-hash-mismatch' },
    });
  });

  it('names the entry after one that was changed and re-hashed', () => {
    const entries = chain(5);
    const forged = { ...entries[1]!, actor: 'approver2' };
    entries[1] = { ...forged, hash: auditEntryHash(forged) };
    expect(verify(entries).firstBroken).toMatchObject({ id: '13', reason: 'prev-link-broken' });
  });

  it('names the entry after a removed one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verify(entries).firstBroken).toMatchObject({
      id: '13',
      sequence: 3,
      reason: 'missing-sequence',
    });
  });

  it('finds a chain rewritten and re-hashed throughout by its anchors', () => {
    const original = chain(4);
    const anchors = [{ seq: '2', entryId: '12', entryHash: original[1]!.hash, at: 'then' }];
    expect(verify(original, anchors)).toMatchObject({
      status: 'intact',
      anchoredThrough: { id: '12', sequence: 2, at: 'then' },
    });
    // Entry 1 changed and everything after re-hashed: the links all hold, the anchor does not.
    const forged = rewritten(original, '1');
    expect(verify(forged).status).toBe('intact');
    expect(verify(forged, anchors).firstBroken).toMatchObject({
      id: '12',
      sequence: 2,
      reason: 'anchor-mismatch',
    });
  });

  it('finds a chain re-hashed with its anchors by the heads an auditor kept', () => {
    const original = chain(4);
    const kept = [{ sequence: 3, hash: original[2]!.hash }];
    expect(verify(original, [], kept)).toMatchObject({
      status: 'intact',
      keptThrough: { id: '13', sequence: 3 },
    });
    const forged = rewritten(original, '2');
    // Anchors re-written to match (a superuser can): only the kept head still tells.
    const anchors = [{ seq: '3', entryId: '13', entryHash: forged[2]!.hash, at: 'then' }];
    expect(verify(forged, anchors).status).toBe('intact');
    const result = verify(forged, anchors, kept);
    expect(result).toMatchObject({
      status: 'broken',
      firstBroken: { id: '13', sequence: 3, reason: 'kept-head-mismatch' },
    });
    expect(result.keptThrough).toBeUndefined();
    // Cut back to before the kept head: named as missing.
    expect(verify(original.slice(0, 2), [], kept).firstBroken).toEqual({
      id: '',
      sequence: 3,
      reason: 'kept-head-missing',
      detail: 'entry 3 was kept by an auditor but the chain ends at 2',
    });
  });

  it('finds anchored entries cut off the end of the chain', () => {
    const entries = chain(4);
    const anchors = [{ seq: '4', entryId: '14', entryHash: entries[3]!.hash, at: 'then' }];
    expect(verify(entries.slice(0, 3), anchors).firstBroken).toMatchObject({
      id: '14',
      sequence: 4,
      reason: 'anchored-entry-missing',
    });
  });
});

describe('the audit trail in the database', () => {
  let pool: Pool;
  let schema: string;
  beforeEach(async () => {
    schema = uniqueSchema('chain');
    pool = createPool(databaseUrl(), schema);
    await migrate(pool, schema, [PLATFORM_MIGRATIONS]);
  });
  afterEach(() => pool.end());

  it('hashes each entry as audit-chain.ts does, whatever its text', async () => {
    const db = pgExecutor(pool);
    await appendAudit(db, {
      actor: 'procurement',
      action: 'contract.created',
      entityType: 'contract',
      entityId: 'c-1',
      amount: 1_234_567n,
      counterparty: 'V-001',
      before: null,
      after: {
        名称: '株式会社デンピョウ',
        note: 'a "quoted"\nline\\ \u0001 😀',
        z: 1,
        a: [1.5, null],
      },
      correlationId: 'corr-1',
    });
    await appendAudit(db, { actor: '', action: 'x', entityType: 'y', entityId: '1:~' });
    // Several rows in one statement, with a client trying to set the chain itself.
    await pool.query(
      `INSERT INTO audit_log (actor, action, entity_type, entity_id, chain_seq, prev_hash, hash)
       VALUES ('a', 'b', 'c', 'd', 99, 'forged', 'forged'), ('e', 'f', 'g', 'h', 1, NULL, 'x')`,
    );
    const result = await verifyAuditChain(db, schema, 2);
    expect(result).toMatchObject({ status: 'intact', entries: 4, head: { sequence: 4 } });
    const stored = await pool.query<{ chain_seq: string }>(
      'SELECT chain_seq::text FROM audit_log ORDER BY chain_seq',
    );
    expect(stored.rows.map((r) => r.chain_seq)).toEqual(['1', '2', '3', '4']);
  });

  it('keeps one gap-free chain under concurrent appends, rolled-back ones included', async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        withTransaction(pool, async (tx) => {
          await appendAudit(tx, { actor: `u${i}`, action: 'a', entityType: 't', entityId: `${i}` });
          if (i % 4 === 0) throw new Error('rolled back');
        }).catch(() => undefined),
      ),
    );
    const result = await verifyAuditChain(pgExecutor(pool), schema, 5);
    expect(result).toMatchObject({ status: 'intact', entries: 18, head: { sequence: 18 } });
  });

  it('reports an entry a superuser edited behind the trigger, and a removed one', async () => {
    const db = pgExecutor(pool);
    for (const actor of ['approver', 'approver', 'accountant'])
      await appendAudit(db, { actor, action: 'contract.approved', entityType: 'c', entityId: '1' });
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id::text FROM audit_log WHERE chain_seq = 2',
    );
    await pool.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await pool.query(`UPDATE audit_log SET actor = 'approver2' WHERE chain_seq = 2`);
    expect(await verifyAuditChain(db, schema)).toMatchObject({
      status: 'broken',
      entries: 3,
      firstBroken: { id: rows[0]!.id, sequence: 2, reason: 'content-hash-mismatch' },
    });
    await pool.query(`DELETE FROM audit_log WHERE chain_seq = 2`);
    expect((await verifyAuditChain(db, schema)).firstBroken).toMatchObject({
      sequence: 3,
      reason: 'missing-sequence',
    });
  });

  it('links to its own table’s head, never to a temporary table named audit_log', async () => {
    const db = pgExecutor(pool);
    await appendAudit(db, { actor: 'a', action: 'x', entityType: 'y', entityId: '1' });
    // A session that may create temporary tables (the services' roles may not, see roles.ts)
    // shadows the trail with a forged head, then appends to the real one.
    const session = await pool.connect();
    try {
      await session.query('CREATE TEMP TABLE audit_log (chain_seq bigint, hash text)');
      await session.query(`INSERT INTO pg_temp.audit_log VALUES (41, repeat('f', 64))`);
      await session.query(
        `INSERT INTO ${schema}.audit_log (actor, action, entity_type, entity_id)
         VALUES ('b', 'x', 'y', '2')`,
      );
    } finally {
      await session.query('DISCARD TEMP');
      session.release();
    }
    const stored = await pool.query<{ seq: string; prev: string | null; hash: string }>(
      `SELECT chain_seq::text AS seq, prev_hash AS prev, hash FROM ${schema}.audit_log
       ORDER BY chain_seq`,
    );
    expect(stored.rows.map((r) => r.seq)).toEqual(['1', '2']);
    expect(stored.rows[1]!.prev).toBe(stored.rows[0]!.hash);
    expect(await verifyAuditChain(db, schema)).toMatchObject({ status: 'intact', entries: 2 });
  });

  it('chains the entries written before the migration, in id order', async () => {
    const upgraded = uniqueSchema('chainup');
    const upgradedPool = createPool(databaseUrl(), upgraded);
    const earlier = earlierMigrations(PLATFORM_MIGRATIONS.dir, '20261128000000_audit_hash_chain');
    try {
      await migrate(upgradedPool, upgraded, [{ stream: 'platform', dir: earlier.dir }]);
      await upgradedPool.query(
        `INSERT INTO audit_log (actor, action, entity_type, entity_id, amount, after, at)
         VALUES ('a', 'x', 'y', '1', 5, '{"k": "値"}', '2026-04-01T09:00:00.123456+09:00'),
                ('b', 'x', 'y', '2', NULL, NULL, '2026-04-01T08:00:00+09:00'),
                ('c', 'x', 'y', '3', NULL, NULL, now())`,
      );
      await migrate(upgradedPool, upgraded, [PLATFORM_MIGRATIONS]);
      await appendAudit(pgExecutor(upgradedPool), {
        actor: 'd',
        action: 'x',
        entityType: 'y',
        entityId: '4',
      });
      const result = await verifyAuditChain(pgExecutor(upgradedPool), upgraded);
      expect(result).toMatchObject({ status: 'intact', entries: 4, head: { sequence: 4 } });
      const order = await upgradedPool.query<{ actor: string }>(
        'SELECT actor FROM audit_log ORDER BY chain_seq',
      );
      expect(order.rows.map((r) => r.actor)).toEqual(['a', 'b', 'c', 'd']);
    } finally {
      earlier.remove();
      await upgradedPool.end();
    }
  });
});
