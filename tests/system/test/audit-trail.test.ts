import { Pool } from 'pg';
import request from 'supertest';
import { anchorAuditTrails, anchorHash, pgExecutor } from '@denpyo/platform';
import { waitFor } from '@denpyo/platform/testing';
import {
  signInDemoUsers,
  startSystem,
  type RunningSystem,
  type SystemDatabase,
} from './support/system';

// Issue 8, finding 1: the audit trail could be rewritten by a superuser without a trace. Now
// every service runs on its own role (which cannot touch the trail), each trail is a hash
// chain, its heads are anchored where no service can write, and GET /api/audit/verify names
// the first entry that does not verify.
describe('the audit trail, on least-privilege roles', () => {
  let system: RunningSystem;
  let database: SystemDatabase;
  let superuser: Pool;
  const tokens: Record<string, string> = {};
  const api = () => request(system.portal.app);
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  type Head = { id: string; sequence: number; hash: string } | null;
  const verify = async (kept?: string) =>
    (
      await api()
        .get('/api/audit/verify')
        .query(kept ? { kept } : {})
        .set(as('auditor'))
        .expect(200)
    ).body as {
      status: string;
      trails: {
        owner: string;
        status: string;
        entries: number;
        head: Head;
        firstBroken?: { id: string; sequence: number; reason: string };
        anchoredThrough?: { sequence: number };
        keptThrough?: { sequence: number };
      }[];
      anchors?: {
        status: string;
        entries: number;
        head: Head;
        firstBroken?: { reason: string };
        keptThrough?: { sequence: number };
      };
    };
  /** The heads of an intact verification, as an auditor keeps them (outside the database). */
  let keptHeads = '';
  const trail = (result: Awaited<ReturnType<typeof verify>>, owner: string) =>
    result.trails.find((t) => t.owner === owner);
  const anchorNow = async () => {
    const anchor = new Pool({ connectionString: database.anchorUrl, max: 1 });
    try {
      return await anchorAuditTrails(pgExecutor(anchor), Object.values(database.schemas));
    } finally {
      await anchor.end();
    }
  };

  beforeAll(async () => {
    system = await startSystem();
    database = system.database!;
    superuser = new Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1 });
    Object.assign(tokens, await signInDemoUsers(system, ['procurement', 'auditor']));
    // Entries in the contract service's trail: a vendor registered, then changed.
    for (const corporateNumber of ['7000012050002', '2000012010019']) {
      await api()
        .post('/api/vendors')
        .set(as('procurement'))
        .send({
          name: `株式会社デンピョウ商事 ${corporateNumber}`,
          nameKana: 'カブシキガイシャデンピョウショウジ',
          corporateNumber,
          bankAccount: {
            bankCode: '0001',
            branchCode: '001',
            type: 'ordinary',
            number: '1234567',
            holderKana: 'カ）デンピョウショウジ',
          },
        })
        .expect(201);
    }
  }, 90_000);
  afterAll(async () => {
    await superuser?.end();
    await system?.stop();
  });

  it('runs every service on a role of its own that cannot change its trail', async () => {
    const contract = new Pool({
      connectionString: database.roleUrls.contract,
      max: 1,
      options: `-c search_path=${database.schemas.contract}`,
    });
    try {
      const [me] = (
        await contract.query<{ super: boolean }>(
          'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
        )
      ).rows;
      expect(me).toEqual({ super: false });
      for (const statement of [
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update',
        "UPDATE audit_log SET actor = 'approver2'",
        'DELETE FROM audit_log',
        'TRUNCATE audit_log',
        `SELECT * FROM ${database.schemas.payment}.audit_log`,
      ]) {
        await expect(contract.query(statement)).rejects.toThrow(/permission denied|must be owner/);
      }
    } finally {
      await contract.end();
    }
    // The services hold their own connections, not the superuser's.
    const users = await superuser.query<{ usename: string; super: boolean }>(
      `SELECT DISTINCT a.usename, r.rolsuper AS super FROM pg_stat_activity a
       JOIN pg_roles r ON r.rolname = a.usename
       WHERE a.application_name = ANY($1)`,
      [Object.values(database.schemas)],
    );
    expect(users.rows.length).toBeGreaterThan(0);
    expect(users.rows.filter((row) => row.super)).toEqual([]);
    // Events still cross on those roles: the invoice service takes in VendorRegistered.
    await waitFor(async () => {
      const { rows } = await superuser.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${database.schemas.invoice}.inbox`,
      );
      return rows[0]!.n >= 2;
    }, 20_000);
  });

  it('verifies an untouched system as intact, anchored, for the auditor only', async () => {
    const anchored = await anchorNow();
    expect(anchored.map((a) => a.trail)).toContain(database.schemas.contract);
    const result = await verify();
    expect(result.status).toBe('intact');
    expect(result.trails.map((t) => [t.owner, t.status])).toEqual([
      ['portal', 'intact'],
      ['contract', 'intact'],
      ['invoice', 'intact'],
      ['payment', 'intact'],
    ]);
    expect(trail(result, 'contract')?.entries).toBeGreaterThanOrEqual(2);
    expect(trail(result, 'contract')?.anchoredThrough?.sequence).toBe(
      trail(result, 'contract')?.entries,
    );
    expect(result.anchors?.status).toBe('intact');
    keptHeads = [
      ...result.trails.map((t) => [t.owner, t.head] as const),
      ['anchors', result.anchors!.head] as const,
    ]
      .filter(([, head]) => head !== null)
      .map(([owner, head]) => `${owner}:${head!.sequence}:${head!.hash}`)
      .join(',');
    const checked = await verify(keptHeads);
    expect(checked.status).toBe('intact');
    expect(trail(checked, 'contract')?.keptThrough?.sequence).toBe(
      trail(result, 'contract')?.head?.sequence,
    );
    expect(checked.anchors?.keptThrough?.sequence).toBe(result.anchors?.head?.sequence);
    // A kept head that is not one is refused, not ignored.
    for (const kept of ['contract:1:abc', `contract:0:${'a'.repeat(64)}`, `x:1:${'a'.repeat(64)}`])
      await api().get('/api/audit/verify').query({ kept }).set(as('auditor')).expect(400);
    await api()
      .get('/api/audit/contract/verify')
      .query({ kept: `invoice:1:${'a'.repeat(64)}` })
      .set(as('auditor'))
      .expect(400);
    await api().get('/api/audit/verify').set(as('procurement')).expect(403);
    await api().get('/api/audit/verify').expect(401);
    // Each service answers for its own trail too.
    const own = await api().get('/api/audit/contract/verify').set(as('auditor')).expect(200);
    expect(own.body).toMatchObject({ owner: 'contract', status: 'intact' });
  });

  it('names the entry a superuser edited behind the append-only trigger', async () => {
    const schema = database.schemas.contract;
    const [first] = (
      await superuser.query<{ id: string }>(
        `SELECT id::text FROM ${schema}.audit_log WHERE chain_seq = 1`,
      )
    ).rows;
    await superuser.query(`ALTER TABLE ${schema}.audit_log DISABLE TRIGGER audit_log_no_update`);
    await superuser.query(`UPDATE ${schema}.audit_log SET actor = 'approver2' WHERE chain_seq = 1`);
    await superuser.query(`ALTER TABLE ${schema}.audit_log ENABLE TRIGGER audit_log_no_update`);
    const forged = await api()
      .get('/api/audit/contract')
      .query({ entityType: 'vendor' })
      .set(as('auditor'))
      .expect(200);
    expect(forged.body[0].actor).toBe('approver2'); // the forgery is there to be seen…

    const result = await verify(); // …and verification names it
    expect(result.status).toBe('broken');
    expect(trail(result, 'contract')).toMatchObject({
      status: 'broken',
      firstBroken: { id: first!.id, sequence: 1, reason: 'content-hash-mismatch' },
    });
    expect(trail(result, 'invoice')?.status).toBe('intact');
  });

  it('finds a chain the superuser rewrote and re-hashed by its anchored head', async () => {
    const schema = database.schemas.contract;
    // Re-hash the whole (forged) chain as the database would: every link holds again.
    await superuser.query(`ALTER TABLE ${schema}.audit_log DISABLE TRIGGER audit_log_no_update`);
    await superuser.query(`SET search_path TO ${schema}`);
    await superuser.query(`DO $$
      DECLARE entry record; previous text := NULL;
      BEGIN
        FOR entry IN SELECT * FROM audit_log ORDER BY chain_seq LOOP
          UPDATE audit_log SET prev_hash = previous,
            hash = audit_log_entry_hash(entry.chain_seq, entry.id, entry.at, entry.actor,
              entry.action, entry.entity_type, entry.entity_id, entry.amount, entry.counterparty,
              entry.before, entry.after, entry.correlation_id, previous)
          WHERE id = entry.id RETURNING hash INTO previous;
        END LOOP;
      END $$`);
    await superuser.query('RESET search_path');
    await superuser.query(`ALTER TABLE ${schema}.audit_log ENABLE TRIGGER audit_log_no_update`);

    const result = await verify();
    expect(trail(result, 'contract')).toMatchObject({
      status: 'broken',
      firstBroken: { reason: 'anchor-mismatch' },
    });
  });

  it('still reports the other trails when a service does not answer', async () => {
    const payment = system.services[2]!;
    await payment.stop();
    const result = await verify();
    expect(trail(result, 'payment')).toEqual({
      owner: 'payment',
      entries: 0,
      head: null,
      status: 'unavailable',
    });
    expect(trail(result, 'invoice')?.status).toBe('intact');
    expect(result.status).toBe('broken'); // the contract trail's break outweighs the outage
  });

  // The anchors share the database with the trails: a superuser who re-hashes a trail can
  // rewrite its anchors and re-hash their chain too. Then only heads kept outside tell.
  it('finds trail and anchors rewritten alike by the heads the auditor kept', async () => {
    const schema = database.schemas.contract;
    const admin = await superuser.connect();
    try {
      await admin.query('BEGIN');
      // The anchors' own trigger lock: no anchor is added while they are rewritten.
      await admin.query(
        "SELECT pg_advisory_xact_lock(hashtext('denpyo-anchor-chain:audit_anchor'))",
      );
      await admin.query('ALTER TABLE audit_anchor.anchors DISABLE TRIGGER anchors_no_update');
      await admin.query(
        `UPDATE audit_anchor.anchors a SET entry_hash = l.hash FROM ${schema}.audit_log l
         WHERE a.trail = $1 AND l.chain_seq = a.chain_seq`,
        [schema],
      );
      const { rows } = await admin.query<{
        seq: string;
        id: string;
        at: string;
        trail: string;
        chainSeq: string;
        entryId: string;
        entryHash: string;
      }>(
        `SELECT seq::text AS seq, id::text AS id,
                to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, trail,
                chain_seq::text AS "chainSeq", entry_id::text AS "entryId", entry_hash AS "entryHash"
         FROM audit_anchor.anchors ORDER BY seq`,
      );
      let prevHash: string | null = null;
      for (const row of rows) {
        const hash = anchorHash({ ...row, prevHash });
        await admin.query(
          'UPDATE audit_anchor.anchors SET prev_hash = $1, hash = $2 WHERE seq = $3',
          [prevHash, hash, row.seq],
        );
        prevHash = hash;
      }
      await admin.query('ALTER TABLE audit_anchor.anchors ENABLE TRIGGER anchors_no_update');
      await admin.query('COMMIT');
    } catch (error) {
      await admin.query('ROLLBACK');
      throw error;
    } finally {
      admin.release();
    }

    const unaided = await verify();
    expect(trail(unaided, 'contract')?.status).toBe('intact'); // the forgery holds together…
    expect(unaided.anchors?.status).toBe('intact');

    const result = await verify(keptHeads); // …but not against what the auditor kept
    expect(result.status).toBe('broken');
    expect(trail(result, 'contract')).toMatchObject({
      status: 'broken',
      firstBroken: { reason: 'kept-head-mismatch' },
    });
    expect(result.anchors).toMatchObject({
      status: 'broken',
      firstBroken: { reason: 'kept-head-mismatch' },
    });
    expect(trail(result, 'invoice')?.status).toBe('intact');
  });
});
