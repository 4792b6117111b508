import { createHash } from 'node:crypto';
import type { AuditTrailVerification, KeptHead, TrailOwner } from '@denpyo/schemas';
import { ok, type Outcome } from './application/outcome';
import type { SqlExecutor } from './db/pool';
import { assertIdentifier } from './db/pool';

/**
 * The audit trail's hash chain (issue 8). The database links each new entry (trigger
 * `audit_log_chain`, migration 20261128000000_audit_hash_chain); this file re-computes the chain
 * from what is stored, so an entry edited, inserted or deleted behind the append-only trigger's
 * back (a superuser can disable it) is found and named.
 */

/** A row of a hash chain (the audit log's, or the anchors'): what links it to the one before. */
export interface ChainLink {
  /** 1, 2, 3, … with no gap. */
  seq: string;
  id: string;
  prevHash: string | null;
  hash: string;
}

/** An entry as stored, each field as PostgreSQL prints it (what the hash covers). */
export interface ChainEntry extends ChainLink {
  /** `at` in UTC with microseconds: 2026-11-28T01:02:03.456789Z. */
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  amount: string | null;
  counterparty: string | null;
  /** The jsonb snapshots as PostgreSQL prints them (its canonical key order). */
  before: string | null;
  after: string | null;
  correlationId: string | null;
}

/** A chain head recorded where the services cannot write (see audit-anchor.ts). */
export interface Anchor {
  seq: string;
  entryId: string;
  entryHash: string;
  at: string;
}

export type BrokenReason =
  | 'content-hash-mismatch'
  | 'prev-link-broken'
  | 'missing-sequence'
  | 'anchor-mismatch'
  | 'anchored-entry-missing'
  | 'kept-head-mismatch'
  | 'kept-head-missing';

export interface BrokenEntry {
  /** The entry (the anchored entry, for an anchor that no longer matches). */
  id: string;
  sequence: number;
  reason: BrokenReason;
  detail: string;
}

export interface ChainHead {
  id: string;
  sequence: number;
  hash: string;
}

export interface ChainVerification {
  entries: number;
  head: ChainHead | null;
  status: 'intact' | 'broken';
  firstBroken?: BrokenEntry;
  /** The newest anchor the chain matched: everything up to it is as it was anchored. */
  anchoredThrough?: { id: string; sequence: number; at: string };
  /** The newest head an auditor kept (KeptHeads) that the chain still matches. */
  keptThrough?: { id: string; sequence: number };
}

/**
 * The heads an auditor kept from earlier verifications, outside the database: a superuser can
 * re-hash a trail and its anchors alike, not what the auditor wrote down. Each must still be in
 * the chain at its sequence with its hash (the hash covers everything before it).
 */
export class KeptHeads {
  private readonly pending = new Map<number, string[]>();
  private matched: ChainVerification['keptThrough'];

  constructor(kept: readonly Pick<KeptHead, 'sequence' | 'hash'>[] = []) {
    for (const { sequence, hash } of kept) {
      this.pending.set(sequence, [...(this.pending.get(sequence) ?? []), hash]);
    }
  }

  /** Checks an entry against the heads kept at its sequence: a break's detail, if any. */
  check(id: string, sequence: number, hash: string): string | undefined {
    const kept = this.pending.get(sequence);
    if (!kept) return undefined;
    this.pending.delete(sequence);
    const other = kept.find((h) => h !== hash);
    if (other !== undefined) {
      return `kept by an auditor with hash ${other}, now ${hash}: the chain was rewritten`;
    }
    this.matched = { id, sequence };
    return undefined;
  }

  /** The newest kept head the chain matched. */
  get through(): ChainVerification['keptThrough'] {
    return this.matched;
  }

  /** Once every entry was checked: the first kept head beyond the end of the chain. */
  missing(headSequence: number): BrokenEntry | undefined {
    const [beyond] = [...this.pending.keys()].sort((a, b) => a - b);
    if (beyond === undefined) return undefined;
    return {
      id: '',
      sequence: beyond,
      reason: 'kept-head-missing',
      detail: `entry ${beyond} was kept by an auditor but the chain ends at ${headSequence}`,
    };
  }
}

const VERSION = 'denpyo-audit-v1|';

/** `<length in bytes>:<text>`, `~` for NULL: the migration's audit_log_field. */
function field(value: string | null): string {
  return value === null ? '~' : `${Buffer.byteLength(value, 'utf8')}:${value}`;
}

/** SHA-256 (hex) of a version tag and the fields, each `<bytes>:<text>` or `~`. */
export function canonicalHash(version: string, values: readonly (string | null)[]): string {
  const canonical = version + values.map(field).join('');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The SHA-256 (hex) of an entry's content and the previous entry's hash, as the database computes it. */
export function auditEntryHash(entry: Omit<ChainEntry, 'hash'>): string {
  return canonicalHash(VERSION, [
    entry.seq,
    entry.id,
    entry.at,
    entry.actor,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.amount,
    entry.counterparty,
    entry.before,
    entry.after,
    entry.correlationId,
    entry.prevHash,
  ]);
}

/**
 * Re-computes a chain page by page (pure: the caller streams the rows in sequence order, and for
 * an audit trail the anchors of the same trail). `hashOf` is the chain's hash: auditEntryHash
 * for an audit trail, anchorHash for the anchors. Only the first break is reported; after it,
 * checking goes on from the stored hashes so the count and head stay right.
 */
export class ChainVerifier<E extends ChainLink> {
  private entries = 0;
  private head: ChainHead | null = null;
  private firstBroken: BrokenEntry | undefined;
  private anchoredThrough: ChainVerification['anchoredThrough'];
  /** Anchors not yet reached, by sequence. */
  private readonly anchors = new Map<string, Anchor>();
  private readonly kept: KeptHeads;

  constructor(
    private readonly hashOf: (entry: E) => string,
    anchors: readonly Anchor[] = [],
    kept: readonly Pick<KeptHead, 'sequence' | 'hash'>[] = [],
  ) {
    for (const anchor of anchors) this.anchors.set(anchor.seq, anchor);
    this.kept = new KeptHeads(kept);
  }

  /** Adds the next entries, in sequence order. */
  add(entries: readonly E[]): void {
    for (const entry of entries) this.check(entry);
  }

  private check(entry: E): void {
    const expected = (this.head?.sequence ?? 0) + 1;
    const sequence = Number(entry.seq);
    if (sequence !== expected) {
      this.breakAt(
        entry,
        'missing-sequence',
        `expected entry ${expected} of the chain, found ${entry.seq}: an entry was removed`,
      );
    } else if (entry.prevHash !== (this.head?.hash ?? null)) {
      this.breakAt(
        entry,
        'prev-link-broken',
        `names ${entry.prevHash ?? 'no entry'} as the previous hash, the previous entry's is ${this.head?.hash ?? 'none'}`,
      );
    } else if (this.hashOf(entry) !== entry.hash) {
      this.breakAt(entry, 'content-hash-mismatch', 'its content no longer has its stored hash');
    }
    const anchor = this.anchors.get(entry.seq);
    if (anchor) {
      this.anchors.delete(entry.seq);
      if (anchor.entryId !== entry.id || anchor.entryHash !== entry.hash) {
        this.breakAt(
          entry,
          'anchor-mismatch',
          `anchored at ${anchor.at} as entry ${anchor.entryId} with hash ${anchor.entryHash}: the chain was rewritten`,
        );
      } else if (!this.firstBroken) {
        this.anchoredThrough = { id: entry.id, sequence, at: anchor.at };
      }
    }
    const keptBroken = this.kept.check(entry.id, sequence, entry.hash);
    if (keptBroken) this.breakAt(entry, 'kept-head-mismatch', keptBroken);
    this.entries += 1;
    this.head = { id: entry.id, sequence, hash: entry.hash };
  }

  private breakAt(entry: E, reason: BrokenReason, detail: string): void {
    this.firstBroken ??= { id: entry.id, sequence: Number(entry.seq), reason, detail };
  }

  /** The verdict once every entry was added: anchors beyond the head name removed entries. */
  result(): ChainVerification {
    if (!this.firstBroken) {
      const beyond = [...this.anchors.values()].sort((a, b) => Number(a.seq) - Number(b.seq))[0];
      if (beyond) {
        this.firstBroken = {
          id: beyond.entryId,
          sequence: Number(beyond.seq),
          reason: 'anchored-entry-missing',
          detail: `entry ${beyond.seq} was anchored at ${beyond.at} but the chain ends at ${this.head?.sequence ?? 0}`,
        };
      }
    }
    this.firstBroken ??= this.kept.missing(this.head?.sequence ?? 0);
    const keptThrough = this.kept.through;
    return {
      entries: this.entries,
      head: this.head,
      status: this.firstBroken ? 'broken' : 'intact',
      ...(this.firstBroken ? { firstBroken: this.firstBroken } : {}),
      ...(this.anchoredThrough ? { anchoredThrough: this.anchoredThrough } : {}),
      ...(keptThrough ? { keptThrough } : {}),
    };
  }
}

/**
 * Feeds `verifier` a chain read `pageSize` rows at a time in sequence order (`select` takes the
 * last sequence read as $1 and the page size as $2), and gives its verdict.
 */
export async function verifyChainPages<E extends ChainLink>(
  db: SqlExecutor,
  select: string,
  pageSize: number,
  verifier: ChainVerifier<E>,
): Promise<ChainVerification> {
  let after = '0';
  for (;;) {
    const page = await db.query<E>(select, [after, pageSize]);
    verifier.add(page);
    if (page.length < pageSize) return verifier.result();
    after = page[page.length - 1]!.seq;
  }
}

/** The stored fields as the hash covers them (audit_log_entry_hash in the migration). */
const CHAIN_COLUMNS = `chain_seq::text AS seq, id::text AS id,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  actor, action, entity_type AS "entityType", entity_id AS "entityId", amount::text AS amount,
  counterparty, before::text AS before, after::text AS after,
  correlation_id AS "correlationId", prev_hash AS "prevHash", hash`;

/** Where chain heads are anchored (written by the anchor role only; see db/roles.ts). */
export const ANCHOR_SCHEMA = 'audit_anchor';

/**
 * Re-computes the audit trail of schema `trail`, `pageSize` entries at a time in sequence order,
 * and checks it against the heads anchored for it and those an auditor kept.
 */
export async function verifyAuditChain(
  db: SqlExecutor,
  trail: string,
  pageSize = 5_000,
  kept: readonly Pick<KeptHead, 'sequence' | 'hash'>[] = [],
): Promise<ChainVerification> {
  assertIdentifier(trail);
  return verifyChainPages(
    db,
    `SELECT ${CHAIN_COLUMNS} FROM ${trail}.audit_log WHERE chain_seq > $1::bigint ORDER BY chain_seq LIMIT $2`,
    pageSize,
    new ChainVerifier<ChainEntry>(auditEntryHash, await readAnchors(db, trail), kept),
  );
}

/** Whether this connection can read the anchor table (it exists once anchoring is set up). */
export async function anchorsReadable(db: SqlExecutor): Promise<boolean> {
  const readable = await db.query(
    `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = '${ANCHOR_SCHEMA}' AND c.relname = 'anchors'
       AND has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT')`,
  );
  return readable.length > 0;
}

/** The anchors of `trail`, or none when anchoring is not set up in this database. */
async function readAnchors(db: SqlExecutor, trail: string): Promise<Anchor[]> {
  if (!(await anchorsReadable(db))) return [];
  return db.query<Anchor>(
    `SELECT chain_seq::text AS seq, entry_id::text AS "entryId", entry_hash AS "entryHash",
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at
     FROM ${ANCHOR_SCHEMA}.anchors WHERE trail = $1 ORDER BY chain_seq`,
    [trail],
  );
}

/**
 * The verification every process offers for its own trail (`GET /api/audit/<owner>/verify`):
 * its chain, the trail being the schema its connection works in (search_path), so anchors of
 * that schema apply.
 */
export function makeVerifyAudit(db: SqlExecutor, owner: TrailOwner) {
  return async function verifyAuditTrail(
    kept: readonly KeptHead[] = [],
  ): Promise<Outcome<AuditTrailVerification>> {
    const [current] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    return ok({ owner, ...(await verifyAuditChain(db, current!.schema, 5_000, kept)) });
  };
}
