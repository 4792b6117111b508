import type { SqlExecutor } from '../db/pool';

/**
 * Marks an event as handled by `consumer`. Run it in the same transaction as the consumer's
 * effect: true the first time (apply the effect), false on a redelivery (skip it). If the
 * transaction rolls back, the mark goes with it and the redelivery applies the effect once.
 */
export async function recordInbox(
  tx: SqlExecutor,
  consumer: string,
  eventId: string,
  eventType: string,
): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2::uuid, $3)
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
    [consumer, eventId, eventType],
  );
  return inserted.length === 1;
}
