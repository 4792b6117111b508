import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { anchorAuditTrails, verifyAnchorChain } from '../src/audit-anchor';
import { verifyAuditChain } from '../src/audit-chain';
import { appendAudit } from '../src/audit';
import { createPool, pgExecutor } from '../src/db/pool';
import { migrate, PLATFORM_MIGRATIONS } from '../src/db/migrator';
import { TOPICS } from '@denpyo/schemas';
import { eventLogRights, provisionDatabase, type ProvisionedDatabase } from '../src/db/roles';
import { PostgresEventLog } from '../src/events/postgres-event-log';
import { uniqueSchema } from '../src/testing';
import { testDatabaseUrl as databaseUrl } from './event-helpers';

// Roles are cluster-wide: a prefix of this run's own keeps them apart from other test files.
const prefix = uniqueSchema('r');
const schemas = { contract: uniqueSchema('contract'), invoice: uniqueSchema('invoice') };
const eventLogSchema = uniqueSchema('eventlog');
const platformOnly = [PLATFORM_MIGRATIONS];
/** Two of the services, as the database set-up is given them. */
const services = [
  { name: 'contract', schema: schemas.contract, migrations: platformOnly, usesEventLog: true },
  { name: 'invoice', schema: schemas.invoice, migrations: platformOnly, usesEventLog: true },
] as const;

/** One connection (a pool of one, so session settings stay) as a service would open it. */
function connect(url: string, schema: string): Pool {
  return new Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
}

describe('least privilege in the database', () => {
  let database: ProvisionedDatabase;
  let contract: Pool;
  beforeAll(async () => {
    // An installation from before the roles: the contract schema made by the administrator.
    const legacy = createPool(databaseUrl(), schemas.contract);
    await migrate(legacy, schemas.contract, platformOnly);
    await appendAudit(pgExecutor(legacy), {
      actor: 'procurement',
      action: 'contract.created',
      entityType: 'contract',
      entityId: 'c-1',
    });
    await legacy.end();
    database = await provisionDatabase(databaseUrl(), {
      prefix,
      eventLogSchema,
      services,
    });
    contract = connect(database.services.contract!.url, schemas.contract);
  });
  afterAll(() => contract.end());

  it('gives each service a login role that is no superuser and owns nothing', async () => {
    const roles = await contract.query<{ rolsuper: boolean; owns: string }>(
      `SELECT rolsuper,
              (SELECT count(*) FROM pg_class WHERE relowner = r.oid)::text
              || '/' || (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid)::text AS owns
       FROM pg_roles r WHERE rolname = current_user`,
    );
    expect(roles.rows).toEqual([{ rolsuper: false, owns: '0/0' }]);
    const owner = await contract.query<{ owner: string }>(
      `SELECT tableowner AS owner FROM pg_tables WHERE schemaname = $1 AND tablename = 'audit_log'`,
      [schemas.contract],
    );
    expect(owner.rows).toEqual([{ owner: `${prefix}_owner` }]);
  });

  it('lets the service add to its audit trail and read it, never change it', async () => {
    await appendAudit(pgExecutor(contract), {
      actor: 'approver',
      action: 'contract.approved',
      entityType: 'contract',
      entityId: 'c-1',
    });
    const refused = [
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      "UPDATE audit_log SET actor = 'approver2'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log',
      'DROP TRIGGER audit_log_chain ON audit_log',
      'CREATE TRIGGER t BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()',
      'DROP TABLE audit_log',
      'ALTER TABLE audit_log OWNER TO CURRENT_USER',
      "INSERT INTO schema_migrations (stream, name, checksum) VALUES ('x', 'y', 'z')",
      'CREATE TABLE extra (id int)',
      'CREATE TABLE public.extra (id int)',
      `CREATE SCHEMA ${prefix}_mine`,
      'SET session_replication_role = replica',
      // No temporary table to stand in for the trail (or anything else).
      'CREATE TEMP TABLE audit_log (chain_seq bigint, hash text)',
    ];
    for (const statement of refused) {
      await expect([
        statement,
        await contract.query(statement).then(() => 'allowed', String),
      ]).toEqual([statement, expect.stringMatching(/permission denied|must be owner/)]);
    }
    const entries = await contract.query('SELECT actor FROM audit_log ORDER BY chain_seq');
    expect(entries.rows).toEqual([{ actor: 'procurement' }, { actor: 'approver' }]);
    expect((await verifyAuditChain(pgExecutor(contract), schemas.contract)).status).toBe('intact');
  });

  it('keeps each service out of the other services’ schemas, not out of the event log', async () => {
    for (const statement of [
      `SELECT * FROM ${schemas.invoice}.audit_log`,
      `INSERT INTO ${schemas.invoice}.audit_log (actor, action, entity_type, entity_id) VALUES ('a','b','c','d')`,
      `SELECT * FROM ${schemas.invoice}.outbox`,
    ]) {
      await expect(contract.query(statement)).rejects.toThrow(/permission denied/);
    }
    await expect(contract.query(`TRUNCATE ${eventLogSchema}.topics`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('lets a service append only to its own topic in the event log, as on Kafka', async () => {
    // The same rights as the Kafka ACLs.
    const acls = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'infra', 'kafka', 'acls.json'), 'utf8'),
    ) as { users: Record<string, { group: string; produce: string[]; consume: string[] }> };
    for (const [name, acl] of Object.entries(acls.users)) {
      expect(eventLogRights(name as 'contract')).toEqual({
        group: acl.group,
        publish: [...acl.produce, ...acl.consume.map((topic) => `${topic}.dlq`)],
        consume: acl.consume,
      });
    }
    expect(eventLogRights('portal')).toBeUndefined();

    const log = eventLogSchema;
    const bus = await PostgresEventLog.start({
      databaseUrl: database.services.contract!.url,
      schema: log,
      partitions: 1,
    });
    try {
      // Its own topic, and the dead letters of one it reads: through the event log itself.
      await bus.publish([
        { topic: TOPICS.contract, key: 'k', value: '{"type":"ContractApproved"}' },
        { topic: `${TOPICS.invoice}.dlq`, key: 'k', value: '{}' },
      ]);
    } finally {
      await bus.close();
    }
    // A topic it reads (creating it is fine: subscribing does), not one it may publish.
    await contract.query(
      `INSERT INTO ${log}.topics (topic, partitions) VALUES ($1, 1) ON CONFLICT DO NOTHING`,
      [TOPICS.invoice],
    );
    await contract.query(
      `INSERT INTO ${log}.partition_heads (topic, partition) VALUES ($1, 0) ON CONFLICT DO NOTHING`,
      [TOPICS.invoice],
    );
    const forged = `INSERT INTO ${log}.messages (topic, partition, "offset", key, value)
                    VALUES ($1, 0, 99, 'k', '{"type":"PaymentOrdered"}')`;
    await expect(contract.query(forged, [TOPICS.invoice])).rejects.toThrow(/row-level security/);
    await expect(contract.query(forged, [`t.${prefix}`])).rejects.toThrow(/row-level security/);
    await expect(
      contract.query(`INSERT INTO ${log}.topics (topic, partitions) VALUES ($1, 1)`, [
        `t.${prefix}`,
      ]),
    ).rejects.toThrow(/row-level security/);
    const taken = await contract.query(
      `UPDATE ${log}.partition_heads SET next_offset = next_offset + 1 WHERE topic = $1`,
      [TOPICS.invoice],
    );
    expect(taken.rowCount).toBe(0); // another's head is not its to move
    for (const statement of [
      `UPDATE ${log}.messages SET value = '{}'`,
      `DELETE FROM ${log}.messages`,
      `DELETE FROM ${log}.consumer_offsets`,
      `ALTER TABLE ${log}.messages DISABLE ROW LEVEL SECURITY`,
    ]) {
      await expect(contract.query(statement)).rejects.toThrow(/permission denied|must be owner/);
    }
    // It reads every message; offsets only of its own group.
    const messages = await contract.query<{ topic: string }>(
      `SELECT topic FROM ${log}.messages ORDER BY topic`,
    );
    expect(messages.rows.map((row) => row.topic)).toEqual([
      TOPICS.contract,
      `${TOPICS.invoice}.dlq`,
    ]);
    const offsets = `INSERT INTO ${log}.consumer_offsets (group_id, topic, partition, next_offset)
                     VALUES ($1, $2, 0, 1)`;
    await contract.query(offsets, ['contract-service', TOPICS.invoice]);
    await expect(contract.query(offsets, ['invoice-service', TOPICS.contract])).rejects.toThrow(
      /row-level security/,
    );
    // What the invoice role sees of the offsets: none of the contract service's.
    const invoice = connect(database.services.invoice!.url, log);
    try {
      expect((await invoice.query(`SELECT * FROM ${log}.consumer_offsets`)).rows).toEqual([]);
      expect((await invoice.query(`SELECT * FROM ${log}.messages`)).rows).toHaveLength(2);
    } finally {
      await invoice.end();
    }
  });

  it('runs a service on its role once the owner has migrated (nothing to create)', async () => {
    const pool = createPool(database.services.invoice!.url, schemas.invoice);
    try {
      expect(await migrate(pool, schemas.invoice, platformOnly)).toEqual([]);
      // A migration the owner has not applied yet: the service says so instead of trying.
      const pending = mkdtempSync(join(tmpdir(), 'pending-'));
      mkdirSync(join(pending, '20990101000000_later'));
      writeFileSync(join(pending, '20990101000000_later', 'migration.sql'), 'SELECT 1');
      await expect(
        migrate(pool, schemas.invoice, [...platformOnly, { stream: 'service', dir: pending }]),
      ).rejects.toThrow(/pending and this role may not apply them/);
    } finally {
      await pool.end();
    }
  });

  it('anchors chain heads with a role that can only read the chain and add anchors', async () => {
    const anchor = new Pool({ connectionString: database.anchor.url, max: 1 });
    try {
      const db = pgExecutor(anchor);
      const recorded = await anchorAuditTrails(db, [schemas.contract, schemas.invoice]);
      expect(recorded).toEqual([
        { trail: schemas.contract, sequence: 2, entryId: expect.any(String) },
      ]);
      // Nothing moved: nothing more to anchor.
      expect(await anchorAuditTrails(db, [schemas.contract])).toEqual([]);
      expect((await verifyAnchorChain(db)).status).toBe('intact');
      for (const statement of [
        `SELECT actor FROM ${schemas.contract}.audit_log`,
        'UPDATE audit_anchor.anchors SET entry_hash = $$x$$',
        'DELETE FROM audit_anchor.anchors',
        'TRUNCATE audit_anchor.anchors',
        'ALTER TABLE audit_anchor.anchors DISABLE TRIGGER ALL',
      ]) {
        await expect(anchor.query(statement)).rejects.toThrow(/permission denied|must be owner/);
      }
      // The service reads its anchors (verification) but cannot add any.
      await expect(
        contract.query(
          `INSERT INTO audit_anchor.anchors (trail, chain_seq, entry_id, entry_hash) VALUES ('x', 1, 1, 'h')`,
        ),
      ).rejects.toThrow(/permission denied/);
      expect(
        (await verifyAuditChain(pgExecutor(contract), schemas.contract)).anchoredThrough,
      ).toMatchObject({ sequence: 2 });
      // The anchors are a chain too: a superuser's edit of one shows. (The anchor chain of this
      // jest run's database stays broken after: no other test of this package reads it.)
      const admin = new Pool({ connectionString: databaseUrl(), max: 1 });
      try {
        const [mine] = (
          await admin.query<{ seq: string }>(
            'SELECT seq::text FROM audit_anchor.anchors WHERE trail = $1',
            [schemas.contract],
          )
        ).rows;
        await admin.query('ALTER TABLE audit_anchor.anchors DISABLE TRIGGER anchors_no_update');
        await admin.query(
          `UPDATE audit_anchor.anchors SET entry_hash = repeat('0', 64) WHERE seq = $1`,
          [mine!.seq],
        );
        await admin.query('ALTER TABLE audit_anchor.anchors ENABLE TRIGGER anchors_no_update');
        expect((await verifyAnchorChain(db)).firstBroken).toMatchObject({
          sequence: Number(mine!.seq),
          reason: 'content-hash-mismatch',
        });
      } finally {
        await admin.end();
      }
    } finally {
      await anchor.end();
    }
  });

  it('can run again: roles, passwords and grants stay as they are', async () => {
    const again = await provisionDatabase(databaseUrl(), {
      prefix,
      eventLogSchema,
      passwords: database.passwords,
      services,
    });
    expect(again.services.contract!.url).toBe(database.services.contract!.url);
    const client = connect(again.services.contract!.url, schemas.contract);
    try {
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });
});
