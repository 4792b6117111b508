import { eventTopic, type DomainEvent } from '@denpyo/schemas';
import { auditRow, type AuditRecord } from '../audit';
import { IdempotencyLeaseLost, type IdempotencyKeyRef } from '../db/idempotency-keys';
import type { SqlExecutor } from '../db/pool';

/** What a unit of work records besides its change. */
export interface UnitRecords {
  audits: readonly AuditRecord[];
  events: readonly DomainEvent[];
  idempotencyKey?: IdempotencyKeyRef;
}

/**
 * Writes a unit of work's audit entries (in order), its outbox messages and its Idempotency-Key
 * mark in one statement, the last before COMMIT. Why one: the audit chain's lock (and any row
 * lock the use case took, such as a document-number counter's) is held from here to commit, and
 * every further round trip would hold it while this process's event loop serves other requests.
 */
export async function writeUnitRecords(sql: SqlExecutor, records: UnitRecords): Promise<void> {
  const { audits, events, idempotencyKey } = records;
  if (audits.length === 0 && events.length === 0 && !idempotencyKey) return;
  const [written] = await sql.query<{ idempotency: number }>(
    `WITH audit AS (
       INSERT INTO audit_log (actor, action, entity_type, entity_id, amount, counterparty, before, after, correlation_id)
       SELECT e->>'actor', e->>'action', e->>'entityType', e->>'entityId', (e->>'amount')::bigint,
              e->>'counterparty', e->'before', e->'after',
              e->>'correlationId'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS entries(e, n)
       ORDER BY n
       RETURNING 1
     ), messages AS (
       INSERT INTO outbox (event_id, topic, key, envelope)
       SELECT (m->>'eventId')::uuid, m->>'topic', m->>'key', m->'envelope'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS messages(m, n)
       ORDER BY n
       RETURNING 1
     ), idempotency AS (
       UPDATE idempotency_keys SET committed_at = now()
       WHERE $3::text IS NOT NULL AND actor = $3 AND key = $4 AND committed_at IS NULL
         AND ($5::text IS NULL OR created_at::text = $5::text)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM audit)::int AS audits, (SELECT count(*) FROM messages)::int AS messages,
            (SELECT count(*) FROM idempotency)::int AS idempotency`,
    [
      `[${audits.map(auditRow).join(',')}]`,
      JSON.stringify(
        events.map((event) => ({
          eventId: event.id,
          topic: eventTopic(event.type),
          key: event.aggregateId,
          envelope: event,
        })),
      ),
      idempotencyKey?.actor ?? null,
      idempotencyKey?.key ?? null,
      idempotencyKey?.lease ?? null,
    ],
  );
  // Throwing rolls the change back: a retry took the key over and runs (or ran) the request.
  if (idempotencyKey && written?.idempotency !== 1)
    throw new IdempotencyLeaseLost(idempotencyKey.key);
}
