import {
  type AuditEntry,
  type AuditSearchQuery,
  type CursorKey,
  type SortOrder,
} from '@denpyo/schemas';
import { badRequest } from './http/errors';
import { ok, type Outcome } from './application/outcome';
import type { SqlExecutor } from './db/pool';
import type { ListPage } from './application/list-page';

export interface AuditRecord {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  /** The money involved, so the trail can be searched by amount range (電子帳簿保存法). */
  amount?: number | bigint | null;
  /** The vendor on the other side, so the trail can be searched by counterparty. */
  counterparty?: string | null;
  before?: unknown;
  after?: unknown;
  correlationId?: string | null;
}

/** Appends to the append-only audit trail, inside the transaction of the change itself. */
export async function appendAudit(tx: SqlExecutor, record: AuditRecord): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor, action, entity_type, entity_id, amount, counterparty, before, after, correlation_id)
     SELECT e->>'actor', e->>'action', e->>'entityType', e->>'entityId', (e->>'amount')::bigint,
            e->>'counterparty', e->'before', e->'after',
            e->>'correlationId'
     FROM (SELECT $1::jsonb AS e) AS entry`,
    [auditRow(record)],
  );
}

/**
 * An entry as the JSON the audit inserts read (see application/unit-records.ts): the snapshots
 * nested as JSON (jsonb in the table), amounts as decimal strings so no bigint loses a digit.
 */
export function auditRow(record: AuditRecord): string {
  return JSON.stringify(
    {
      actor: record.actor,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      amount: record.amount === undefined || record.amount === null ? null : String(record.amount),
      counterparty: record.counterparty ?? null,
      // Left out when undefined (SQL NULL); an explicit null is stored as JSON null, as ever.
      before: record.before,
      after: record.after,
      correlationId: record.correlationId ?? null,
    },
    bigintAsNumber,
  );
}

export interface AuditSearch {
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  counterparty?: string;
  entityType?: string;
  entityId?: string;
  /** Entries to skip (a page's offset). */
  offset?: number;
  /** Only entries after this id in the search's order (a cursor's keyset: no OFFSET scan). */
  afterId?: string;
  limit?: number;
  /** By id, oldest first unless `desc`. */
  order?: SortOrder;
}

export interface AuditEntryRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  amount: number | null;
  counterparty: string | null;
  before: unknown;
  after: unknown;
  correlationId: string | null;
}

/** The WHERE clause of a search and its parameters ($1, $2, …). */
function auditConditions(search: AuditSearch): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    params.push(value);
    conditions.push(condition.replace('?', `$${params.length}`));
  };
  if (search.from) add(`at >= (?::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`, search.from);
  if (search.to) add(`at < ((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'`, search.to);
  if (search.minAmount !== undefined) add('amount >= ?', search.minAmount);
  if (search.maxAmount !== undefined) add('amount <= ?', search.maxAmount);
  if (search.counterparty) add('counterparty = ?', search.counterparty);
  if (search.entityType) add('entity_type = ?', search.entityType);
  if (search.entityId) add('entity_id = ?', search.entityId);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * Searches by date range (Japan dates, inclusive), amount range, counterparty and entity, in id
 * order (the order entries were written in).
 */
export async function searchAudit(db: SqlExecutor, search: AuditSearch): Promise<AuditEntryRow[]> {
  const { where, params } = auditConditions(search);
  const desc = search.order === 'desc';
  let keyset = '';
  if (search.afterId !== undefined) {
    params.push(search.afterId);
    keyset = `${where ? ' AND' : 'WHERE'} audit_log.id ${desc ? '<' : '>'} $${params.length}::bigint`;
  }
  params.push(search.limit ?? 500, search.offset ?? 0);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id::text, at, actor, action, entity_type, entity_id, amount::text, counterparty, before, after, correlation_id
     FROM audit_log ${where}${keyset}
     ORDER BY audit_log.id ${desc ? 'DESC' : 'ASC'}
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return rows.map((row) => ({
    id: String(row.id),
    at: new Date(row.at as string).toISOString(),
    actor: String(row.actor),
    action: String(row.action),
    entityType: String(row.entity_type),
    entityId: String(row.entity_id),
    amount: row.amount === null ? null : Number(row.amount),
    counterparty: (row.counterparty as string | null) ?? null,
    before: row.before,
    after: row.after,
    correlationId: (row.correlation_id as string | null) ?? null,
  }));
}

/** How many entries a search matches (every page together). */
export async function countAudit(db: SqlExecutor, search: AuditSearch): Promise<number> {
  const { where, params } = auditConditions(search);
  const rows = await db.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM audit_log ${where}`,
    params,
  );
  return Number(rows[0]?.count ?? 0);
}

function bigintAsNumber(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/**
 * One page of a search and how many entries match (the page size is bounded where the query is
 * parsed: 1,000 a page, 100,000 for a CSV).
 */
export async function searchAuditPage(
  db: SqlExecutor,
  query: AuditSearch & Pick<AuditSearchQuery, 'page' | 'pageSize' | 'order' | 'after'>,
): Promise<ListPage<AuditEntry>> {
  const { page, pageSize, order, after, ...filters } = query;
  // After a cursor, by id (the trail's one sort key): every entry stays reachable, however deep.
  const afterId = after === undefined ? undefined : auditIdOf(after.key);
  const [rows, total] = await Promise.all([
    searchAudit(db, {
      ...filters,
      ...(afterId === undefined ? { offset: (page - 1) * pageSize } : { afterId }),
      limit: pageSize,
      order,
    }),
    countAudit(db, filters),
  ]);
  return { items: rows.map(toAuditEntry), total };
}

/** An audit cursor's entry id (the platform wrote it from the last entry's `id`). */
function auditIdOf(key: CursorKey): string {
  const id = String(key.id ?? '');
  if (!/^\d{1,18}$/.test(id))
    throw badRequest('Invalid query', [
      { path: 'cursor', message: 'must be a cursor from a Link header' },
    ]);
  return id;
}

/**
 * The audit search every process offers for its own trail (電子帳簿保存法's three keys: date,
 * amount, counterparty; and the record): one page of entries and how many match.
 */
export function makeSearchAudit(db: SqlExecutor) {
  return async function searchAuditTrail(
    query: AuditSearchQuery,
  ): Promise<Outcome<ListPage<AuditEntry>>> {
    return ok(await searchAuditPage(db, query)); // sorted by id, the one sort field
  };
}

/** A row as the API returns it: no amount or counterparty when there is none. */
export function toAuditEntry(row: AuditEntryRow): AuditEntry {
  const { amount, counterparty, before, after, ...rest } = row;
  return {
    ...rest,
    ...(amount !== null ? { amount } : {}),
    ...(counterparty !== null ? { counterparty } : {}),
    before: (before ?? null) as AuditEntry['before'],
    after: (after ?? null) as AuditEntry['after'],
  };
}
