import { join } from 'node:path';
import type { KeptHead } from '@denpyo/schemas';
import { ANCHOR_SCHEMA, canonicalHash, KeptHeads, type ChainVerification } from './audit-chain';
import { assertIdentifier, type SqlExecutor } from './db/pool';
import type { MigrationSource } from './db/migrator';

/** The anchor table (schema audit_anchor), applied by the database set-up as the owner role. */
export const ANCHOR_MIGRATIONS: MigrationSource = {
  stream: 'anchor',
  dir: join(__dirname, '..', 'anchor-migrations'),
};

export interface AnchorRecorded {
  trail: string;
  sequence: number;
  entryId: string;
}

/**
 * Records the head of each trail's chain (a schema's audit_log) that moved since its last
 * anchor. Runs on the anchor role's connection: it may read the chain columns of the audit logs
 * and insert anchors, nothing else (db/roles.ts).
 */
export async function anchorAuditTrails(
  anchorDb: SqlExecutor,
  trails: readonly string[],
): Promise<AnchorRecorded[]> {
  const recorded: AnchorRecorded[] = [];
  for (const trail of trails) {
    assertIdentifier(trail);
    const [head] = await anchorDb.query<{ seq: string; id: string; hash: string }>(
      `SELECT chain_seq::text AS seq, id::text AS id, hash FROM ${trail}.audit_log
       ORDER BY chain_seq DESC LIMIT 1`,
    );
    if (!head) continue;
    const [last] = await anchorDb.query<{ seq: string }>(
      `SELECT chain_seq::text AS seq FROM ${ANCHOR_SCHEMA}.anchors WHERE trail = $1
       ORDER BY chain_seq DESC LIMIT 1`,
      [trail],
    );
    if (last?.seq === head.seq) continue;
    await anchorDb.query(
      `INSERT INTO ${ANCHOR_SCHEMA}.anchors (trail, chain_seq, entry_id, entry_hash)
       VALUES ($1, $2::bigint, $3::bigint, $4)`,
      [trail, head.seq, head.id, head.hash],
    );
    recorded.push({ trail, sequence: Number(head.seq), entryId: head.id });
  }
  return recorded;
}

interface AnchorRow {
  seq: string;
  id: string;
  at: string;
  trail: string;
  chainSeq: string;
  entryId: string;
  entryHash: string;
  prevHash: string | null;
  hash: string;
}

/** The hash of an anchor row as the anchors_chain trigger computes it. */
export function anchorHash(row: Omit<AnchorRow, 'hash'>): string {
  return canonicalHash('denpyo-anchor-v1|', [
    row.seq,
    row.id,
    row.at,
    row.trail,
    row.chainSeq,
    row.entryId,
    row.entryHash,
    row.prevHash,
  ]);
}

/**
 * Re-computes the anchors' own chain, page by page, and checks the heads of it an auditor kept;
 * an empty result when there is none.
 */
export async function verifyAnchorChain(
  db: SqlExecutor,
  pageSize = 5_000,
  keptHeads: readonly Pick<KeptHead, 'sequence' | 'hash'>[] = [],
): Promise<ChainVerification> {
  const kept = new KeptHeads(keptHeads);
  let entries = 0;
  let head: ChainVerification['head'] = null;
  let firstBroken: ChainVerification['firstBroken'];
  let after = '0';
  for (;;) {
    const page = await db.query<AnchorRow>(
      `SELECT seq::text AS seq, id::text AS id,
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, trail,
              chain_seq::text AS "chainSeq", entry_id::text AS "entryId", entry_hash AS "entryHash",
              prev_hash AS "prevHash", hash
       FROM ${ANCHOR_SCHEMA}.anchors WHERE seq > $1::bigint ORDER BY seq LIMIT $2`,
      [after, pageSize],
    );
    for (const row of page) {
      const sequence = Number(row.seq);
      const expected = (head?.sequence ?? 0) + 1;
      const reason =
        sequence !== expected
          ? 'missing-sequence'
          : row.prevHash !== (head?.hash ?? null)
            ? 'prev-link-broken'
            : anchorHash(row) !== row.hash
              ? 'content-hash-mismatch'
              : undefined;
      if (reason && !firstBroken) {
        firstBroken = { id: row.id, sequence, reason, detail: `anchor ${row.seq}: ${reason}` };
      }
      const keptBroken = kept.check(row.id, sequence, row.hash);
      if (keptBroken && !firstBroken) {
        firstBroken = { id: row.id, sequence, reason: 'kept-head-mismatch', detail: keptBroken };
      }
      entries += 1;
      head = { id: row.id, sequence, hash: row.hash };
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.seq;
  }
  firstBroken ??= kept.missing(head?.sequence ?? 0);
  const keptThrough = kept.through;
  return {
    entries,
    head,
    status: firstBroken ? 'broken' : 'intact',
    ...(firstBroken ? { firstBroken } : {}),
    ...(keptThrough ? { keptThrough } : {}),
  };
}
