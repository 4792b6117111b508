import type { AuditEntry, AuditQuery } from '@denpyo/schemas';
import { ok, type Outcome } from './application/outcome';
import type { SqlExecutor } from './db/pool';

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
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
    [
      record.actor,
      record.action,
      record.entityType,
      record.entityId,
      record.amount === undefined || record.amount === null ? null : String(record.amount),
      record.counterparty ?? null,
      record.before === undefined ? null : JSON.stringify(record.before, bigintAsNumber),
      record.after === undefined ? null : JSON.stringify(record.after, bigintAsNumber),
      record.correlationId ?? null,
    ],
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
  limit?: number;
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

/** Searches by date range (Japan dates, inclusive), amount range and counterparty. */
export async function searchAudit(db: SqlExecutor, search: AuditSearch): Promise<AuditEntryRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    params.push(value);
    where.push(condition.replace('?', `$${params.length}`));
  };
  if (search.from) add(`at >= (?::date)::timestamp AT TIME ZONE 'Asia/Tokyo'`, search.from);
  if (search.to) add(`at < ((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'`, search.to);
  if (search.minAmount !== undefined) add('amount >= ?', search.minAmount);
  if (search.maxAmount !== undefined) add('amount <= ?', search.maxAmount);
  if (search.counterparty) add('counterparty = ?', search.counterparty);
  if (search.entityType) add('entity_type = ?', search.entityType);
  if (search.entityId) add('entity_id = ?', search.entityId);
  params.push(search.limit ?? 500);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id::text, at, actor, action, entity_type, entity_id, amount::text, counterparty, before, after, correlation_id
     FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id LIMIT $${params.length}`,
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

function bigintAsNumber(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/**
 * The audit search every process offers for its own trail (電子帳簿保存法's three keys: date,
 * amount, counterparty). Returns up to `limit + 1` entries so the caller can say when there
 * were more.
 */
export function makeSearchAudit(db: SqlExecutor, limit: number) {
  return async function searchAuditTrail(query: AuditQuery): Promise<Outcome<AuditEntry[]>> {
    const rows = await searchAudit(db, { ...query, limit: limit + 1 });
    return ok(
      rows.map(({ amount, counterparty, before, after, ...rest }) => ({
        ...rest,
        ...(amount !== null ? { amount } : {}),
        ...(counterparty !== null ? { counterparty } : {}),
        before: (before ?? null) as AuditEntry['before'],
        after: (after ?? null) as AuditEntry['after'],
      })),
    );
  };
}
