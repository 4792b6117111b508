import { join } from 'node:path';
import type { KeptHead } from '@denpyo/schemas';
import {
  ANCHOR_SCHEMA,
  canonicalHash,
  ChainVerifier,
  verifyChainPages,
  type ChainLink,
  type ChainVerification,
} from './audit-chain';
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

/** An anchor as stored, each field as PostgreSQL prints it (what its hash covers). */
interface AnchorRow extends ChainLink {
  at: string;
  trail: string;
  chainSeq: string;
  entryId: string;
  entryHash: string;
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
export function verifyAnchorChain(
  db: SqlExecutor,
  pageSize = 5_000,
  keptHeads: readonly Pick<KeptHead, 'sequence' | 'hash'>[] = [],
): Promise<ChainVerification> {
  return verifyChainPages(
    db,
    `SELECT seq::text AS seq, id::text AS id,
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, trail,
            chain_seq::text AS "chainSeq", entry_id::text AS "entryId", entry_hash AS "entryHash",
            prev_hash AS "prevHash", hash
     FROM ${ANCHOR_SCHEMA}.anchors WHERE seq > $1::bigint ORDER BY seq LIMIT $2`,
    pageSize,
    new ChainVerifier<AnchorRow>(anchorHash, [], keptHeads),
  );
}
